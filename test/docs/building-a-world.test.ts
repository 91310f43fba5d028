/**
 * docs/building-a-world.md, played: its YAML examples are the files under
 * docs/examples/world/, and doing what the guide says with them gives what
 * it says (a new pack linked to the town, edited live with a player on it,
 * a broken save refused with the place it names).
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createTestEngine, TestPlayer } from '@maid/engine/testing';
import { formatReloadResult } from '../../src/engine/hot-reload/format';
import { exampleEntry, replaceEntry } from '../content/kit';
import { useServers } from '../server/kit/harness';
import { buildWorld } from '../building/kit';

const root = fileURLToPath(new URL('../../', import.meta.url));
const guide = readFileSync(join(root, 'docs', 'building-a-world.md'), 'utf8');
const servers = useServers();
const example = (rel: string) => readFileSync(join(root, 'docs', 'examples', 'world', rel), 'utf8');

describe('building-a-world.md', () => {
  it('embeds every YAML example as its file', () => {
    const blocks = [...guide.matchAll(/```yaml\n# example: (\S+)\n([\s\S]*?)```/g)];
    expect(blocks.map((m) => m[1])).toEqual([
      'docs/examples/world/riverside/areas/riverside.yaml',
      'docs/examples/world/town-exit-down.yaml',
      'docs/examples/world/town-exit-down-optional.yaml',
      'docs/examples/world/riverside-edited.yaml',
      'docs/examples/world/broken-exit.yaml',
      'docs/examples/world/riverbank/areas/riverbank.yaml',
      'docs/examples/world/riverbank-dug.yaml',
    ]);
    for (const [, path, body] of blocks) expect(body, path).toBe(readFileSync(join(root, path as string), 'utf8'));
  });

  it('a first area in a new pack, linked to the town and edited live with a player standing in it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'maid-world-guide-'));
    for (const name of ['starter-world', 'combat']) cpSync(join(root, 'packs', name), join(dir, name), { recursive: true });
    cpSync(join(root, 'docs', 'examples', 'world', 'riverside'), join(dir, 'riverside'), { recursive: true });
    const town = join(dir, 'starter-world', 'areas', 'town.yaml');
    writeFileSync(town, replaceEntry(readFileSync(town, 'utf8'), 'town-square', exampleEntry('town-exit-down.yaml')));
    const t = await createTestEngine({ packDirs: ['starter-world', 'combat', 'riverside'].map((n) => join(dir, n)) });
    const ada = TestPlayer.login(t.engine, 'Ada');

    expect(await ada.do('down')).toContain('River Steps');
    expect(await ada.do('down')).toContain('A fishing rod is here.');
    expect(await ada.do('get rod')).toBe('You pick up a fishing rod.');

    const area = join(dir, 'riverside', 'areas', 'riverside.yaml');
    writeFileSync(area, example('riverside-edited.yaml'));
    const edited = await t.engine.hotReload.reloadPack('riverside', undefined, { changedFiles: [area] });
    expect(edited).toMatchObject({ success: true, reevaluated: [] });
    expect(edited.stateDiff.content?.rooms).toEqual({ added: ['riverside:boathouse'], changed: ['riverside:steps', 'riverside:jetty'], removed: [] });
    expect(await ada.do('look')).toMatch(/Exits: up, east/);
    expect(await ada.do('east')).toContain('Boathouse');
    expect(await ada.do('inventory')).toContain('a fishing rod');
    await ada.do('west');
    expect(await ada.do('up')).toContain('Someone has chalked a fish');

    // The broken save of the guide: refused, with the line the guide quotes; the edited area keeps serving.
    writeFileSync(area, example('broken-exit.yaml'));
    const broken = await t.engine.hotReload.reloadPack('riverside', undefined, { changedFiles: [area] });
    const logged = formatReloadResult(broken)[0]?.replace(/^\S+ /, '');
    expect(guide).toContain(logged);
    expect(broken.error).toMatchObject({ file: 'areas/riverside.yaml', line: 21, column: 13 });
    expect(await ada.do('look')).toContain('chalked a fish');
    await t.stop();
  });

  it('an exit into a pack that may not be loaded: refused plain with the town alone, optional it waits for the riverside, appears and goes with it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'maid-world-guide-'));
    for (const name of ['starter-world', 'combat']) cpSync(join(root, 'packs', name), join(dir, name), { recursive: true });
    cpSync(join(root, 'docs', 'examples', 'world', 'riverside'), join(dir, 'riverside'), { recursive: true });
    const town = join(dir, 'starter-world', 'areas', 'town.yaml');
    const shipped = readFileSync(town, 'utf8');

    writeFileSync(town, replaceEntry(shipped, 'town-square', exampleEntry('town-exit-down.yaml')));
    const alone = await createTestEngine({ packDirs: [join(dir, 'starter-world')] });
    expect(alone.engine.getPack('starter-world')?.error).toContain("exit down of room 'starter-world:town-square' leads to unknown room 'riverside:steps' (no loaded pack has it)");
    await alone.stop();

    writeFileSync(town, replaceEntry(shipped, 'town-square', exampleEntry('town-exit-down-optional.yaml')));
    const t = await createTestEngine({ packDirs: [join(dir, 'starter-world')] });
    const ada = TestPlayer.login(t.engine, 'Ada');
    expect(await ada.do('look')).toMatch(/Exits: north, east, west, south\n/);
    expect(await ada.do('down')).toBe("You can't go that way.");
    await t.engine.loadPackFromPath(join(dir, 'riverside'));
    expect(await ada.do('look')).toMatch(/Exits: north, east, west, south, down\n/);
    expect(await ada.do('down')).toContain('River Steps');
    expect(await ada.do('up')).toContain('Town Square');
    await t.engine.unloadPack('riverside');
    expect(await ada.do('look')).toMatch(/Exits: north, east, west, south\n/);
    await t.stop();
  });

  it("building from inside the game: the guide's transcript, played over telnet by a builder, says what the game says and writes the file it shows", async () => {
    const transcript = /```text transcript\n([\s\S]*?)```/.exec(guide)?.[1] ?? '';
    const steps = transcript.split(/^> /m).filter((t) => t.trim() !== '').map((t) => {
      const [command = '', ...said] = t.trimEnd().split('\n');
      return { command, said };
    });
    expect(steps.map((st) => st.command)).toContain('@dig north Jetty');
    const w = await buildWorld(servers, { watch: true });
    const c = await w.player('Ada');
    // eslint-disable-next-line no-control-regex
    const plain = (text: string) => text.replace(/\x1b\[[0-9;]*m/g, '').replace(/\r/g, '');
    for (const { command, said } of steps) {
      const from = c.mark();
      await c.command(command);
      // Building commands that write a file say a second line when the reload applied it.
      if (said.length > 0) await c.waitFor(said.at(-1) as string, from, 10_000);
      const seen = plain(c.since(from));
      for (const line of said) expect(seen, command).toContain(line);
      if (command === '@dig north Jetty') expect(w.area()).toBe(example('riverbank-dug.yaml'));
    }
    expect(w.area()).toContain('description: Grey planks on posts, reaching out over the slow brown river.');
  });
});
