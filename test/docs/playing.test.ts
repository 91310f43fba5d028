/**
 * docs/playing.md is the players' guide to the shipped game: its command
 * table lists exactly the commands the packs register (with their aliases),
 * and the numbers it quotes are the game's.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createTestEngine } from '@maid/engine/testing';
import StarterWorldPack from '@packs/starter-world';
import CombatPack, { BASE_DAMAGE, DAMAGE_PER_LEVEL, HEALTH_PER_LEVEL, LOOT_DATA, xpForLevel } from '@packs/combat';

const guide = readFileSync(fileURLToPath(new URL('../../docs/playing.md', import.meta.url)), 'utf8');

/** The table's rows: the command words of the first cell, the aliases of the second. */
function rows(): Array<{ names: string[]; aliases: string[] }> {
  const table = guide.split('| --- | --- | --- |\n')[1]?.split('\n\n')[0] ?? '';
  const words = (cell: string) => [...cell.matchAll(/`([^`\s]+)[^`]*`/g)].map((m) => m[1] as string);
  return table
    .split('\n')
    .filter((line) => line.startsWith('|'))
    .map((line) => {
      // Cells split at unescaped pipes: `\|` is a pipe inside a cell.
      const [, names = '', aliases = ''] = line.split(/(?<!\\)\|/);
      return { names: words(names), aliases: words(aliases) };
    });
}

describe('docs/playing.md', () => {
  it('lists every command the shipped packs register, with its aliases, and no other', async () => {
    const t = await createTestEngine({ packs: [new StarterWorldPack(), new CombatPack()] });
    const registered = new Map(t.engine.commands.list().map((e) => [e.command.name, [...e.command.aliases].sort()]));
    await t.stop();
    const documented = new Map<string, string[]>();
    for (const { names, aliases } of rows()) {
      // A row of several commands (the directions) gives each its alias in turn.
      names.forEach((name, i) => documented.set(name, names.length > 1 ? aliases.slice(i, i + 1) : [...aliases].sort()));
    }
    expect([...documented.keys()].sort()).toEqual([...registered.keys()].sort());
    for (const [name, aliases] of registered) expect(documented.get(name), name).toEqual(aliases);
  });

  it('quotes the game numbers: damage, level thresholds, gains, experience of each kill', () => {
    expect(guide).toContain(`A blow does ${BASE_DAMAGE} damage, plus ${DAMAGE_PER_LEVEL} for every`);
    expect(guide).toContain(`Level 2 takes ${xpForLevel(2)} experience, level 3 ${xpForLevel(3)},\nlevel 4 ${xpForLevel(4)}`);
    expect(guide).toContain(`Each level adds ${HEALTH_PER_LEVEL}\nto your maximum health`);
    expect(guide).toContain(`${LOOT_DATA['combat:cellar-rat']?.xp} for the\ncellar rat, ${LOOT_DATA['combat:forest-wolf']?.xp} for the wolf`);
    const xp = (key: string) => LOOT_DATA[`combat:${key}`]?.xp;
    expect(guide).toContain(`${xp('barrow-rat')} for a barrow rat, ${xp('gaunt-wolf')} for a gaunt wolf, ${xp('barrow-wight')}\nfor the wight and ${xp('barrow-king')} for the Barrow King`);
  });

  it("the map in words names every room of the shipped world, and the count it gives", async () => {
    const t = await createTestEngine({ packs: [new StarterWorldPack(), new CombatPack()] });
    const rooms = [...t.engine.content.lookup().rooms.values()];
    await t.stop();
    const map = guide.split('### The map in words\n')[1]?.split('\n## ')[0]?.replace(/\s+/g, ' ') ?? '';
    for (const room of rooms) expect(map, room.key).toContain(room.name);
    expect(guide).toContain('Twenty-six rooms in three areas');
    expect(rooms).toHaveLength(26);
  });
});
