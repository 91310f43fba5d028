// The studio hosts the engine in its own process (issue 11, item 5): pack
// code that hangs or kills that process never stops the studio answering;
// restarts and a pack that keeps killing the engine show on the timeline
// and in the tree; the game's sessions survive.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReloadEntry } from '../../shared/model';
import { TelnetTestClient } from '../../../test/server/kit/telnet-client';
import type { StudioService } from '../api/studio-service';
import type { StudioHost } from './studio-host';
import { startHostOnCopy, type HostUnderTest } from './studio-host.test-kit';

let host: StudioHost;
let api: StudioService;
let kit: HostUnderTest;

/** A pack whose `hang` command loops forever after an await (out of the cut-off's reach), and one that ends the process as it loads. */
async function writeTroublePacks(packsDir: string): Promise<void> {
  await mkdir(join(packsDir, 'hangs', 'src'), { recursive: true });
  await writeFile(join(packsDir, 'hangs', 'package.json'), JSON.stringify({ name: '@packs/hangs', version: '1.0.0', main: 'src/pack.ts' }));
  await writeFile(
    join(packsDir, 'hangs', 'src', 'pack.ts'),
    [
      "import { defineCommand } from '@maid/engine';",
      "const hang = defineCommand({ name: 'hang', help: 'Hang the engine', async handler({ session }) {",
      "  session.send('Hanging.');",
      '  await new Promise((resolve) => setTimeout(resolve, 300));',
      '  while (true) {}',
      '} });',
      "export default { manifest: { name: 'hangs', version: '1.0.0' }, getCommands: () => [hang] };",
      '',
    ].join('\n'),
  );
  await mkdir(join(packsDir, 'doomed', 'src'), { recursive: true });
  await writeFile(join(packsDir, 'doomed', 'package.json'), JSON.stringify({ name: '@packs/doomed', version: '1.0.0', main: 'src/pack.ts' }));
  await writeFile(join(packsDir, 'doomed', 'src', 'pack.ts'), "export default { manifest: { name: 'doomed', version: '1.0.0' }, onLoad() { process.exit(9); } };\n");
}

function entryWhere(match: (e: ReloadEntry) => boolean, ms = 20_000): Promise<ReloadEntry> {
  return new Promise((resolve, reject) => {
    const known = host.timeline.newestFirst().find(match);
    if (known) return resolve(known);
    const timer = setTimeout(() => reject(new Error(`no such timeline entry within ${ms / 1000} s: ${JSON.stringify(host.timeline.newestFirst().slice(0, 5))}`)), ms);
    const off = host.events.subscribe((event) => {
      if (event.type !== 'reload' || !match(event.entry)) return;
      clearTimeout(timer);
      off();
      resolve(event.entry);
    });
  });
}

beforeAll(async () => {
  ({ host, api } = kit = await startHostOnCopy({ name: 'studio-engine', prepare: writeTroublePacks, settings: { engineTimeout: 1, passwordCost: 10 } }));
}, 60_000);

afterAll(() => kit?.stop());

describe('the studio with the engine in its own process', () => {
  it('shows a pack that kills the engine as it loads as failed, disabled after 3 tries, and serves the others', async () => {
    const packs = await api.listPacks();
    const doomed = packs.find((p) => p.pack.name === 'doomed')?.pack;
    expect(doomed).toMatchObject({ status: 'failed', error: expect.stringMatching(/brought the engine down 3 times in a row as it started \(last: exit code 9\)/) });
    expect(packs.find((p) => p.pack.name === 'combat')?.pack.status).toBe('loaded');
    const downs = host.timeline.newestFirst().filter((e) => e.kind === 'engine-down');
    expect(downs.length).toBeGreaterThanOrEqual(3);
    expect(downs[0]?.cause).toContain("while pack 'doomed' was starting");
  });

  it('keeps answering while pack code hangs the engine, which is restarted; the player stays connected', async () => {
    const port = (await api.getInfo()).game.available ? host.gameEndpoint : undefined;
    const telnet = port && port.available ? port.telnet : undefined;
    expect(telnet).toBeDefined();
    const player = await TelnetTestClient.connect(telnet?.port ?? 0);
    await player.login('Hana', 'correct horse battery', true);
    expect(await player.command('hang')).toContain('Hanging.');
    const down = entryWhere((e) => e.kind === 'engine-down' && /^no heartbeat for [\d.]+ s: pack code running away after an await/.test(e.cause ?? ''));
    // The studio answers at once meanwhile: a file is read and saved.
    const asked = Date.now();
    const file = await api.readFile({ pack: 'hangs', path: 'src/pack.ts' });
    expect(Date.now() - asked).toBeLessThan(1000);
    expect(file.content).toContain('while (true) {}');
    await down;
    await entryWhere((e) => e.kind === 'engine-up' && (e.cause ?? '').includes('no heartbeat'));
    expect(await player.command('look', 10_000)).toContain('Exits:');
    expect(player.closed).toBe(false);
    player.close();
  }, 60_000);

  it('restarts the engine on request: the timeline says so, with how long it took', async () => {
    const entry = await api.restartEngine();
    expect(entry).toMatchObject({ kind: 'engine-up', success: true, cause: 'engine restarted (requested in the studio)' });
    expect(entry.durationMs).toBeGreaterThan(0);
    expect((await api.getReloadHistory()).slice(0, 2).map((e) => e.kind)).toEqual(['engine-up', 'engine-down']);
    expect((await api.listPacks()).find((p) => p.pack.name === 'combat')?.pack.status).toBe('loaded');
  }, 60_000);
});
