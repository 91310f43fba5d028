import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * The signal cut-off takes over its process's SIGINT, so each case runs in a
 * child process of its own (a script printing one JSON line per step), as
 * the engine host runs it.
 */
const guardModule = JSON.stringify(fileURLToPath(new URL('./runaway-guard.ts', import.meta.url)));
const signalModule = JSON.stringify(fileURLToPath(new URL('./runaway-signal.ts', import.meta.url)));

function runChild(body: string): Promise<{ lines: Record<string, unknown>[]; code: number | null; signal: NodeJS.Signals | null; stderr: string }> {
  const script = `
const { RunawayGuard } = await import(${guardModule});
const { startSignalCutOff, cutsBySignal, stopSignalCutOff } = await import(${signalModule});
const say = (o) => process.stdout.write(JSON.stringify(o) + '\\n');
const spin = () => { for (;;) {} };
${body}
`;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      const lines = out
        .split('\n')
        .filter((l) => l.trim() !== '')
        .map((l) => JSON.parse(l) as Record<string, unknown>);
      resolve({ lines, code, signal, stderr });
    });
  });
}

describe('cut-off by signal (the engine host on POSIX)', () => {
  it.skipIf(process.platform === 'win32')('cuts an endless loop off after its limit, again and again, and the process goes on', async () => {
    const run = await runChild(`
say({ started: await startSignalCutOff(), active: cutsBySignal() });
const guard = new RunawayGuard(300);
const call = { kind: 'command', packName: 'arcade', name: 'spin' };
for (let i = 0; i < 2; i++) {
  const t = performance.now();
  const cut = guard.run(() => guard.within(call, spin));
  say({ cut: cut?.call.name, limitMs: cut?.limitMs, took: performance.now() - t });
}
let ran = false;
say({ finished: guard.run(() => void (ran = true)) === undefined && ran });
// Many short batches cost next to nothing, and none is cut off.
let cuts = 0;
const t = performance.now();
for (let i = 0; i < 2000; i++) if (guard.run(() => {})) cuts++;
say({ shortBatches: cuts, usEach: ((performance.now() - t) * 1000) / 2000 });
await new Promise((r) => setTimeout(r, 20));
say({ eventLoop: 'alive' });
await stopSignalCutOff();
say({ stopped: !cutsBySignal() });
`);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const [start, first, second, finished, short, loop, stopped] = run.lines;
    expect(start).toEqual({ started: true, active: true });
    for (const cut of [first, second]) {
      expect(cut).toMatchObject({ cut: 'spin', limitMs: 300 });
      expect(cut?.took).toBeGreaterThanOrEqual(290);
      expect(cut?.took).toBeLessThan(3000);
    }
    expect(finished).toEqual({ finished: true });
    expect(short?.shortBatches).toBe(0);
    expect(loop).toEqual({ eventLoop: 'alive' });
    expect(stopped).toEqual({ stopped: true });
  });

  it.skipIf(process.platform === 'win32')('a SIGINT from outside never ends the process: it interrupts the batch running, reported as a cut-off', async () => {
    const run = await runChild(`
say({ started: await startSignalCutOff() });
process.kill(process.pid, 'SIGINT');
await new Promise((r) => setTimeout(r, 100));
say({ alive: true });
const guard = new RunawayGuard(60_000);
const t = performance.now();
// Raised from a thread of this process while the batch spins: the batch stops, long before its limit.
const { Worker } = await import('node:worker_threads');
const w = new Worker("setTimeout(() => process.kill(process.pid, 'SIGINT'), 200)", { eval: true });
const cut = guard.run(spin);
say({ interrupted: cut !== undefined, took: performance.now() - t });
await w.terminate();
say({ stillCutting: guard.run(() => {}) === undefined });
`);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.lines[0]).toEqual({ started: true });
    expect(run.lines[1]).toEqual({ alive: true });
    expect(run.lines[2]?.interrupted).toBe(true);
    expect(run.lines[2]?.took).toBeLessThan(30_000);
    expect(run.lines[3]).toEqual({ stillCutting: true });
  });

  it('refuses in a process that listens for SIGINT itself (the timeout stays)', async () => {
    const run = await runChild(`
process.on('SIGINT', () => {});
say({ started: await startSignalCutOff(), active: cutsBySignal() });
const cut = new RunawayGuard(100).run(spin);
say({ cutByTimeout: cut?.limitMs });
process.exit(0);
`);
    expect(run.stderr).toBe('');
    expect(run.lines).toEqual([{ started: false, active: false }, { cutByTimeout: 100 }]);
  });
});
