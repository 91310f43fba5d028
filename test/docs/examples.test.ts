/**
 * Every code example in docs/ is a file under docs/examples/ that a test runs;
 * this keeps the copies in the Markdown identical to those files, and runs
 * the examples that are not tests themselves.
 */
import { cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import { GameEngine, getSettings, World } from '@maid/engine/host';
import { reloadFromCode } from '../../docs/examples/hot-reload/programmatic-reload';
import { registerDevHooks } from '../../docs/examples/hot-reload/dev-hooks';
import { DuelSystem } from '../../docs/examples/hot-reload/stateful-system';
import { printReloadHistory } from '../../docs/examples/hot-reload/reload-history';
import { liveGame } from '../hot-reload/harness';
import { Health as HealthV2, healthV1toV2 } from '../../docs/examples/packs/health-v2';
import { Hunger, HungerSystem, Stamina, StaminaSystem } from '../../docs/examples/packs/many-entities';
import { Position, move, thingsIn } from '../../docs/examples/packs/where-things-are';
import { DecaySystem } from '../../docs/examples/packs/sliced-work';
import { printCutOffs } from '../../docs/examples/hot-reload/cut-off-watch';
import { createTestEngine, TestPlayer } from '@maid/engine/testing';

const root = fileURLToPath(new URL('../../', import.meta.url));
const docs = readdirSync(join(root, 'docs')).filter((f) => f.endsWith('.md'));

describe('docs examples are the tested files', () => {
  for (const doc of docs) {
    it(`${doc}: every embedded example matches its file`, () => {
      const text = readFileSync(join(root, 'docs', doc), 'utf8');
      for (const m of text.matchAll(/```ts\n\/\/ example: (\S+)\n([\s\S]*?)```/g)) {
        const [, path, body] = m as unknown as [string, string, string];
        expect(body, `${doc} embeds ${path}`).toBe(readFileSync(join(root, path), 'utf8'));
      }
    });
  }
});

describe('hot-reload.md examples', () => {
  it('reloads a pack from code after its files changed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'maid-doc-'));
    cpSync(join(root, 'packs', 'starter-world'), dir, { recursive: true });
    const lines: string[] = [];
    const log = vi.spyOn(console, 'log').mockImplementation((line: string) => void lines.push(line));
    const result = await reloadFromCode(dir, () => {
      const file = join(dir, 'areas', 'town.yaml');
      writeFileSync(file, readFileSync(file, 'utf8').replace('Town Square', 'Old Town Square'));
    });
    log.mockRestore();
    expect(result).toMatchObject({ success: true, changedFiles: [] });
    expect(lines).toEqual([expect.stringMatching(/^Reload: ok in \d\.\d{3}s$/)]);
  });

  it('registers the development hooks only in debug mode, and they print around each reload', async () => {
    const quiet = new GameEngine(getSettings({ env: {} }), { logSinks: [] });
    registerDevHooks(quiet);
    const game = await liveGame({ watch: false });
    const debugEngine = game.engine;
    (debugEngine.settings as { debug: boolean }).debug = true;
    registerDevHooks(debugEngine);
    const lines: string[] = [];
    const log = vi.spyOn(console, 'log').mockImplementation((line: string) => void lines.push(line));
    await debugEngine.hotReload.reloadPack('combat');
    printReloadHistory(debugEngine);
    log.mockRestore();
    expect(lines).toContain('Reloading: combat');
    expect(lines.some((l) => /^Reload completed in \d\.\d{3}s$/.test(l))).toBe(true);
    expect(lines.some((l) => /^combat: \d\.\d{3}s$/.test(l))).toBe(true);
    await game.stop();
  });

  it('hands a StatefulSystem its state across a reload', async () => {
    const world = new World();
    const before = new DuelSystem(world);
    before.start('a', 'b');
    before.update(0.5);
    const after = new DuelSystem(world);
    after.restoreState(structuredClone(before.captureState()));
    expect(after.captureState()).toEqual({ activeFights: { a: { attacker: 'a', target: 'b', rounds: 0 } }, cooldowns: { a: 1.5 } });
  });

  it('prints the log lines the guide shows, for a good save and for a syntax error', async () => {
    const game = await liveGame({ debounce: 0.05 });
    let done = game.nextReload();
    game.edit('src/systems/combat.ts', 'export const BASE_DAMAGE = 10;', 'export const BASE_DAMAGE = 12;');
    await done;
    done = game.nextReload();
    game.edit('src/systems/combat.ts', 'export const ROUND_SECONDS = 2;', 'export const ROUND_SECONDS = 2 +;');
    await done;
    const lines = game.log.lines();
    const guide = readFileSync(join(root, 'docs', 'hot-reload.md'), 'utf8');
    const shown = guide.match(/^\[ERROR\] Failed to reload pack 'combat'.*$/m)?.[0];
    expect(lines).toContain(shown);
    expect(lines).toContain('[INFO] File changed: src/systems/combat.ts');
    expect(lines).toContain('[INFO] Triggering reload for pack: combat');
    expect(lines.some((l) => /^\[INFO\] Successfully reloaded pack 'combat' in 0\.\d{3}s$/.test(l))).toBe(true);
    expect(lines).toContain(`[INFO] Watching: combat at ${game.file('src')}`);
    await game.stop();
  });
});

describe('pack-authoring.md examples', () => {
  it('migrates Health from version 1 to 2 over every entity on reload', async () => {
    const game = await liveGame({ watch: false });
    const pack = game.engine.getPack('combat')?.pack as { getComponents(): unknown[]; getMigrations(): unknown[] };
    const Ctor = pack.constructor as new () => typeof pack;
    const next = new Ctor();
    next.getComponents = () => [HealthV2, ...pack.getComponents().slice(1)];
    next.getMigrations = () => [healthV1toV2];
    const result = await game.engine.hotReload.reloadPack('combat', next as never);
    expect(result).toMatchObject({ success: true, migrationsRun: 1 });
    expect(game.hero.entity.get(HealthV2)).toEqual({ current: 100, max: 100, regen: 2 });
    await game.stop();
  });

  it('walks many entities through query columns, and only what changed is saved', () => {
    const world = new World();
    const creatures = Array.from({ length: 50 }, () => world.createEntity().add(Hunger).add(Stamina));
    creatures[3]?.add(Stamina, { current: 40 });
    creatures[7]?.add(Stamina, { current: 99 });
    world.takeChanges();
    new StaminaSystem(world).update(1);
    expect(creatures[3]?.get(Stamina)?.current).toBe(45);
    expect(creatures[7]?.get(Stamina)?.current).toBe(100);
    expect(creatures[0]?.get(Stamina)?.current).toBe(100);
    expect(new Set(world.takeChanges().changed)).toEqual(new Set([creatures[3], creatures[7]]));
    new HungerSystem(world).update(10);
    expect(creatures.every((c) => c.get(Hunger)?.level === 0.1)).toBe(true);
    expect(world.takeChanges().changed).toHaveLength(50);
  });

  it('finds things by room through an index, and keeps it current as they move', () => {
    const world = new World();
    const [cat, dog] = [world.createEntity().add(Position, { room: 'hall' }), world.createEntity().add(Position, { room: 'hall' })];
    expect(new Set(thingsIn(world, 'hall'))).toEqual(new Set([cat, dog]));
    move(dog, 'garden');
    expect(thingsIn(world, 'hall')).toEqual([cat]);
    expect(thingsIn(world, 'garden')).toEqual([dog]);
    expect(() => cat.write(Position)).toThrow(/Position is immutable/);
  });
});

describe('pack-authoring.md: when code runs away', () => {
  it('printCutOffs prints a command cut off, with its pack and the line it was running', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'maid-doc-runaway-')), 'runaway');
    cpSync(join(root, 'test', 'server', 'fixtures', 'runaway'), dir, { recursive: true });
    // Long enough for the stack to be sampled half-way (the line running, not the handler's definition).
    const t = await createTestEngine({ packDirs: [dir], settings: { runawayMs: 1000 } });
    const lines: string[] = [];
    const log = vi.spyOn(console, 'log').mockImplementation((line: string) => void lines.push(line));
    const stop = printCutOffs(t.engine);
    const answer = await TestPlayer.login(t.engine, 'Author').do('spin');
    stop();
    log.mockRestore();
    const line = readFileSync(join(dir, 'src', 'pack.ts'), 'utf8').split('\n').findIndex((l) => l.includes('while (true) {}')) + 1;
    expect(lines).toEqual([`Cut off: command spin of runaway at src/pack.ts:${line}`]);
    expect(answer).toContain(`Command 'spin' of pack 'runaway' ran for more than 1000 ms and was cut off (running at src/pack.ts:${line}:5)`);
    await t.stop();
  });

  it('DecaySystem works through a long queue a slice a tick', () => {
    const system = new DecaySystem(new World(), 500);
    system.queue.push(...Array.from({ length: 1_200 }, (_, i) => `leaf ${i}`));
    system.update();
    expect(system.done).toHaveLength(500);
    system.update();
    system.update();
    expect(system.done).toHaveLength(1_200);
    expect(system.queue).toHaveLength(0);
    expect(system.done[1_199]).toBe('LEAF 1199');
  });
});
