/**
 * Runaway code saved while the watcher runs, with two players connected: a
 * system whose update loops forever (the reload succeeds, the next tick
 * cuts the system off and quarantines it), and a module whose top level
 * loops forever (the reload itself is cut off and rolled back).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CutOffRecord, GameEngine, ReloadResult } from '../../src/engine/host';
import { useServers } from './kit/harness';

const { server, client } = useServers();
const VITALS = join('src', 'systems', 'vitals.ts');

function next<T>(signal: { on(fn: (value: T) => void): { dispose(): void } }): Promise<T> {
  return new Promise((resolve) => {
    const sub = signal.on((value) => {
      sub.dispose();
      resolve(value);
    });
  });
}

function ticksAfter(engine: GameEngine, count: number): Promise<void> {
  const until = engine.tickLoop.ticks + count;
  return new Promise((resolve) => {
    const sub = engine.afterTick.on(({ tick }) => {
      if (tick >= until) {
        sub.dispose();
        resolve();
      }
    });
  });
}

async function twoPlayers(port: number) {
  const a = await client(port);
  const b = await client(port);
  await a.login('Ada', 'silver-moon-42', true);
  await b.login('Bodil', 'silver-moon-42', true);
  return [a, b] as const;
}

describe('runaway code saved while the watcher runs', () => {
  it('a system saved with an endless loop: ticks go on, it is quarantined, the timeline shows the cut-off, a fix runs it again', async () => {
    const s = await server();
    await s.engine.hotReload.enableWatching(0.05);
    const [a, b] = await twoPlayers(s.telnetPort);
    const file = join(s.packsDir, 'combat', VITALS);
    const original = readFileSync(file, 'utf8');
    const line = original.split('\n').findIndex((l) => l.includes('update(): void {')) + 1;

    const reloaded = next<ReloadResult>(s.engine.hotReload.onReload);
    const cutOff = next<CutOffRecord>(s.engine.hotReload.onCutOff);
    writeFileSync(file, original.replace('update(): void {', 'update(): void {\n    while (true) {}'));
    expect(await reloaded).toMatchObject({ packName: 'combat', success: true, trigger: 'file' });
    const record = await cutOff;
    expect(record).toMatchObject({
      type: 'cut-off',
      packName: 'combat',
      call: { kind: 'system', name: 'VitalsSystem' },
      // The loop saved on the line after `update(): void {`, from the stack sampled half-way to the limit.
      location: { file: 'src/systems/vitals.ts', line: line + 1, column: 5, kind: 'running' },
    });
    expect(s.log.lines()).toContain(
      `[ERROR] System VitalsSystem of pack 'combat' ran for more than 2000 ms and was cut off (running at src/systems/vitals.ts:${line + 1}:5); system VitalsSystem is quarantined until pack 'combat' reloads successfully; the game goes on`,
    );
    expect(s.engine.scheduler.entriesOf('combat').find((e) => e.name === 'VitalsSystem')?.quarantined).toBe(true);
    const timeline = s.engine.hotReload.getTimeline();
    expect(timeline.slice(-2).map((e) => e.type)).toEqual(['reload', 'cut-off']);

    // Ticks go on, and both players are answered.
    await ticksAfter(s.engine, 3);
    const sent = Date.now();
    expect(await b.command('look')).toContain('Town Square');
    expect(await a.command('look')).toContain('Town Square');
    expect(Date.now() - sent).toBeLessThan(3000);

    // The fix, saved: the new version runs.
    const fixed = next<ReloadResult>(s.engine.hotReload.onReload);
    writeFileSync(file, original);
    expect((await fixed).success).toBe(true);
    await ticksAfter(s.engine, 2);
    expect(s.engine.scheduler.entriesOf('combat').find((e) => e.name === 'VitalsSystem')?.quarantined).toBe(false);
    expect(a.closed || b.closed).toBe(false);
  }, 30_000);

  it('a module saved with a top level that loops forever: the reload is cut off and rolled back, the game goes on', async () => {
    const s = await server();
    await s.engine.hotReload.enableWatching(0.05);
    const [a, b] = await twoPlayers(s.telnetPort);
    const file = join(s.packsDir, 'combat', VITALS);
    const original = readFileSync(file, 'utf8');

    const reloaded = next<ReloadResult>(s.engine.hotReload.onReload);
    writeFileSync(file, `${original}\nwhile (Date.now() > 0) {}\n`);
    const loopLine = original.split('\n').length + 1;
    const result = await reloaded;
    expect(result).toMatchObject({
      packName: 'combat',
      success: false,
      rolledBack: true,
      error: { phase: 'build', file: 'src/systems/vitals.ts', line: loopLine, cutOff: { type: 'cut-off', call: { kind: 'module', name: 'src/systems/vitals.ts' }, location: { kind: 'module', line: loopLine } } },
    });
    expect(result.error?.message).toMatch(
      new RegExp(`^Module src/systems/vitals\\.ts of pack 'combat' ran for more than 2000 ms and was cut off \\(evaluating src/systems/vitals\\.ts:${loopLine}:\\d+\\); the reload was rolled back$`),
    );
    expect(s.log.lines().join('\n')).toContain("Module src/systems/vitals.ts of pack 'combat' ran for more than 2000 ms and was cut off");
    expect(s.engine.hotReload.getTimeline().at(-1)).toEqual({ type: 'reload', result });

    // The old version runs on: its systems tick, its commands answer.
    await ticksAfter(s.engine, 2);
    expect(s.engine.scheduler.entriesOf('combat').every((e) => !e.quarantined)).toBe(true);
    expect(await a.command('health')).toContain('Health: 100/100');
    expect(await b.command('look')).toContain('Town Square');
  }, 30_000);

  it('a system constructor saved with an endless loop: the reload is cut off while the new version loads, and rolled back', async () => {
    const s = await server();
    await s.engine.hotReload.enableWatching(0.05);
    const [a] = await twoPlayers(s.telnetPort);
    const file = join(s.packsDir, 'combat', VITALS);
    const original = readFileSync(file, 'utf8');
    const marker = '    super(world);';
    const line = original.split('\n').findIndex((l) => l === marker) + 2;
    expect(line).toBeGreaterThan(1);

    const reloaded = next<ReloadResult>(s.engine.hotReload.onReload);
    writeFileSync(file, original.replace(marker, `${marker}\n    while (true) {}`));
    const result = await reloaded;
    expect(result).toMatchObject({
      success: false,
      rolledBack: true,
      // The new code's line, though it was never committed: the locator maps frames through the prepared version too.
      error: { phase: 'load', file: 'src/systems/vitals.ts', line, cutOff: { call: { kind: 'load', name: 'getSystems()' }, location: { kind: 'running', line } } },
    });
    expect(s.engine.scheduler.entriesOf('combat').some((e) => e.name === 'VitalsSystem' && !e.quarantined)).toBe(true);
    expect(await a.command('health')).toContain('Health: 100/100');
  }, 30_000);
});
