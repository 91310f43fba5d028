/**
 * Loot tables and corpses as data, over telnet: the test's copy of the packs
 * makes the cellar rat drop a leather jerkin and its corpse rot in seconds;
 * the jerkin, worn, softens the wolf's bite. The client's GMCP status bar
 * follows the experience.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Opt } from '../../src/engine/server/telnet';
import { useServers } from './kit/harness';
import { copyPacks } from './kit/server-fixture';

const { server, client } = useServers();

const FIGHT_MS = 30_000;

describe('loot, corpses and armour over telnet', () => {
  it('drops what the loot table says, the corpse rots away, and worn armour takes its share of each blow', { timeout: 90_000 }, async () => {
    const packsDir = copyPacks();
    const lootFile = join(packsDir, 'combat', 'src', 'data', 'loot.json');
    const loot = JSON.parse(readFileSync(lootFile, 'utf8'));
    loot['combat:cellar-rat'] = { xp: 40, coins: { min: 0, max: 0 }, items: [{ item: 'leather-jerkin', chance: 1 }], corpse: 'a dead rat', decaySeconds: 5 };
    writeFileSync(lootFile, JSON.stringify(loot));
    const s = await server({ packsDir });
    const c = await client(s.telnetPort, { accept: [Opt.GMCP] });
    await c.waitFor('Name:');
    c.sendGmcp('Core.Supports.Set', ['Char 1']);
    await c.login('Moss', 'acorn-and-oak-9', true);
    expect((await c.waitForGmcp('Char.Status')).data).toEqual({ name: 'Moss', level: 1, xp: 0, nextLevelXp: 100, coins: 0 });
    for (const direction of ['north', 'east', 'down']) await c.command(direction);

    let from = c.mark();
    c.line('kill rat');
    await c.waitFor('A dead rat lies on the ground.', from, FIGHT_MS);
    // The status bar follows the kill's experience.
    const latestStatus = () => c.gmcp.filter((m) => m.package === 'Char.Status').at(-1)?.data;
    await expect.poll(latestStatus, { timeout: 5000 }).toMatchObject({ level: 1, xp: 40 });
    expect(await c.command('look in corpse')).toMatch(/A dead rat holds:\r?\n {2}a leather jerkin\r?\n/);
    expect(await c.command('get jerkin from corpse')).toContain('You take a leather jerkin from a dead rat.');
    expect(await c.command('wear jerkin')).toContain('You wear a leather jerkin.');
    await c.waitFor('A dead rat rots away.', from, 10_000);
    expect(await c.command('look')).not.toContain('dead rat');
    expect(await c.command('score')).toContain('armour 2');

    for (const direction of ['up', 'west', 'north']) await c.command(direction);
    from = c.mark();
    c.line('attack wolf');
    // The wolf bites for 5; the jerkin's 2 armour leaves 3.
    await c.waitFor('A grey wolf hits you for 3 damage.', from, FIGHT_MS);
    // Blows keep arriving with prompts of their own: wait for the answer, not the next prompt.
    from = c.mark();
    c.line('flee');
    await c.waitFor('You break off the fight.', from);
  });
});
