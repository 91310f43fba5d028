// The host on a temporary copy of the shipped packs: a save reloads the pack
// through the watcher and lands on the timeline; a broken save fails with the
// file and line; the tree follows the disk; the log names the pack.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StudioEvent } from '../../shared/api';
import type { ReloadEntry } from '../../shared/model';
import type { StudioService } from '../api/studio-service';
import type { StudioHost } from './studio-host';
import { startHostOnCopy, type HostUnderTest } from './studio-host.test-kit';

const repoPacks = fileURLToPath(new URL('../../../packs', import.meta.url));
const COMBAT = 'src/systems/combat.ts';

let work: string;
let host: StudioHost;
let api: StudioService;
let kit: HostUnderTest;
const seen: StudioEvent[] = [];

function nextEvent<T extends StudioEvent['type']>(type: T, match: (e: Extract<StudioEvent, { type: T }>) => boolean = () => true, ms = 10_000): Promise<Extract<StudioEvent, { type: T }>> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${type} event within ${ms / 1000} s`)), ms);
    const off = host.events.subscribe((event) => {
      if (event.type === type && match(event as Extract<StudioEvent, { type: T }>)) {
        clearTimeout(timer);
        off();
        resolve(event as Extract<StudioEvent, { type: T }>);
      }
    });
  });
}

beforeAll(async () => {
  ({ work, host, api } = kit = await startHostOnCopy({ name: 'studio-host' }));
  host.events.subscribe((e) => seen.push(e));
}, 60_000);

afterAll(() => kit?.stop());

describe('StudioHost', () => {
  it('lists both packs, loaded, with their files', async () => {
    const packs = await api.listPacks();
    expect(packs.map((p) => `${p.pack.name}:${p.pack.status}`).sort()).toEqual(['combat:loaded', 'starter-world:loaded']);
    const combat = packs.find((p) => p.pack.name === 'combat')!;
    expect(combat.pack.systems).toContain('CombatSystem');
    expect(combat.pack.commands).toContain('attack');
    expect(JSON.stringify(combat.files)).toContain(COMBAT);
  });

  it('reloads on save and puts the reload on the timeline with a state diff', async () => {
    const file = await api.readFile({ pack: 'combat', path: COMBAT });
    const reloaded = nextEvent('reload', (e) => e.entry.packName === 'combat');
    await api.saveFile({ pack: 'combat', path: COMBAT, content: file.content.replace('BASE_DAMAGE = 10', 'BASE_DAMAGE = 25'), baseVersion: file.version });
    const { entry } = await reloaded;
    expect(entry).toMatchObject({ success: true, trigger: 'file', rolledBack: false });
    expect(entry.changedFiles).toContain(COMBAT);
    expect(entry.stateDiff.systems.CombatSystem).toBeDefined();
    expect((await api.getReloadHistory())[0]?.id).toBe(entry.id);
  });

  it('a broken save fails with the file and line, rolled back, and the pack keeps running', async () => {
    const file = await api.readFile({ pack: 'combat', path: COMBAT });
    const reloaded = nextEvent('reload', (e) => e.entry.packName === 'combat');
    await api.saveFile({ pack: 'combat', path: COMBAT, content: file.content.replace('BASE_DAMAGE = 25;', 'BASE_DAMAGE = 25 +;'), baseVersion: file.version });
    const { entry }: { entry: ReloadEntry } = await reloaded;
    expect(entry.success).toBe(false);
    expect(entry.rolledBack).toBe(true);
    expect(entry.error).toMatchObject({ file: COMBAT, line: 7 });
    // What was kept: the running version's StatefulSystem state, the same before and after.
    expect(entry.stateDiff.systems.CombatSystem).toMatchObject({ kept: true, before: { active_combats: {}, cooldowns: {} }, after: { active_combats: {}, cooldowns: {} } });
    expect(entry.stateDiff.components).toEqual({});
    expect((await api.listPacks()).find((p) => p.pack.name === 'combat')?.pack.status).toBe('loaded');
    const log = await api.getLog();
    expect(log.some((l) => l.level === 'ERROR' && l.pack === 'combat' && l.message.includes('Failed to reload'))).toBe(true);
  });

  it('a manual reload answers with its timeline entry', async () => {
    await writeFile(join(work, 'packs', 'combat', COMBAT), (await readFile(join(repoPacks, 'combat', COMBAT), 'utf8')));
    await nextEvent('reload', (e) => e.entry.packName === 'combat' && e.entry.success);
    const entry = await api.reloadPack('combat');
    expect(entry).toMatchObject({ packName: 'combat', trigger: 'manual', success: true });
    await expect(api.reloadPack('nope')).rejects.toMatchObject({ code: 'not-found' });
  });

  it('a type error reloads green, then the type check reports it with file:line and puts the count on the entry', async () => {
    const file = await api.readFile({ pack: 'combat', path: COMBAT });
    const lines = file.content.split('\n');
    lines.splice(9, 0, "export const n: number = 'oops';");
    const reloaded = nextEvent('reload', (e) => e.entry.packName === 'combat');
    await api.saveFile({ pack: 'combat', path: COMBAT, content: lines.join('\n'), baseVersion: file.version });
    const { entry } = await reloaded;
    expect(entry).toMatchObject({ success: true, trigger: 'file' });
    expect(entry.problems).toBeUndefined(); // the check runs after the reload result, in the worker
    const { report } = await nextEvent('problems', (e) => e.report.reloadId === entry.id, 60_000);
    expect(report.pack).toBe('combat');
    expect(report.problems).toEqual([expect.objectContaining({ file: COMBAT, line: 10, column: 14, code: 2322, severity: 'error', message: "Type 'string' is not assignable to type 'number'." })]);
    expect((await api.getReloadHistory()).find((e) => e.id === entry.id)?.problems).toBe(1);
    expect((await api.getProblems()).find((p) => p.pack === 'combat')?.problems).toHaveLength(1);
    // Fixed: the next check reports none.
    const fixed = nextEvent('problems', (e) => e.report.pack === 'combat' && e.report.problems.length === 0, 60_000);
    await api.saveFile({ pack: 'combat', path: COMBAT, content: file.content });
    await fixed;
  }, 90_000);

  it('tells the renderers when files appear on disk', async () => {
    const packs = nextEvent('packs', (e) => JSON.stringify(e.packs).includes('src/notes.md'));
    await writeFile(join(work, 'packs', 'combat', 'src', 'notes.md'), '# notes\n');
    await packs;
  });

  it('gives the editor the engine declarations', async () => {
    const libraries = await api.getTypeLibraries();
    const index = libraries.find((l) => l.path === 'file:///node_modules/@maid/engine/index.d.ts');
    expect(index?.content).toContain('GameEngine');
    // The pack API only: the editor flags a pack that imports a host-only name.
    expect(index?.content).not.toMatch(/\b(GameServer|HotReloadManager|SqliteStorage)\b/);
  }, 30_000);

  it('runs the game server and tells the terminal where its WebSocket is', async () => {
    const game = await api.openGameSession();
    expect(game).toMatchObject({ available: true, subprotocol: 'gmcp.mudstandards.org', url: expect.stringMatching(/^ws:\/\/127\.0\.0\.1:\d+/) });
    const info = await api.getInfo();
    expect(info).toMatchObject({ mode: 'web', watchDebounceMs: 50, game });
  });
});
