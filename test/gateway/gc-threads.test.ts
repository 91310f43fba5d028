/**
 * MAID_GC_THREADS: the rule (one GC thread on 2 cores or fewer unless told
 * otherwise), the engine process started with it, and the gateway's own
 * process restarting in place with it (same pid, same arguments).
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { Logger } from '../../src/engine/host';
import { EngineProcess } from '../../src/gateway/engine-process';
import { gcExecArgv, SINGLE_THREADED_GC, singleThreadedGc } from '../../src/gateway/gc-threads';

const run = promisify(execFile);
const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));

describe('the GC threads setting', () => {
  it('auto is one thread on 1 or 2 cores and parallel on more; one and parallel mean what they say', () => {
    expect([1, 2, 3, 4, 64].map((cores) => singleThreadedGc('auto', cores))).toEqual([true, true, false, false, false]);
    expect([1, 2, 64].map((cores) => singleThreadedGc('one', cores))).toEqual([true, true, true]);
    expect([1, 2, 64].map((cores) => singleThreadedGc('parallel', cores))).toEqual([false, false, false]);
    expect(gcExecArgv('auto', 2)).toEqual([SINGLE_THREADED_GC]);
    expect(gcExecArgv('auto', 8)).toEqual([]);
  });

  it.each([
    ['one', [SINGLE_THREADED_GC]],
    ['parallel', []],
  ] as const)('the engine process is started with %s', async (gcThreads, wanted) => {
    const said = new Promise<string>((resolve) => {
      const proc = new EngineProcess({
        logger: new Logger('ERROR', []),
        memoryMb: 256,
        gcThreads,
        entry: fixture('reports-exec-argv.mjs'),
        onFrame: (frame) => {
          if (frame.t === 'log') {
            resolve(frame.records[0]?.message ?? '');
            proc.kill();
          }
        },
        onExit: () => {},
      });
    });
    const execArgv = JSON.parse(await said) as string[];
    expect(execArgv.filter((a) => a === SINGLE_THREADED_GC)).toEqual(wanted);
    expect(execArgv).toContain('--max-old-space-size=256');
  });
});

describe.skipIf(process.platform === 'win32')("the gateway's own process", () => {
  it('restarts in place with one GC thread when asked: the same pid, the same arguments, the flag once', async () => {
    const { stdout } = await run(process.execPath, [fixture('gc-restart.mjs'), 'one', '2']);
    const lines = stdout.trim().split('\n');
    // Only the restarted process prints: the first one was replaced before it got there.
    expect(lines).toHaveLength(1);
    const after = JSON.parse(lines[0]!) as { execArgv: string[]; argv: string[]; unchanged: string | null };
    expect(after.execArgv.filter((a) => a === SINGLE_THREADED_GC)).toHaveLength(1);
    expect(after.argv).toEqual(['one', '2']);
    expect(after.unchanged).toBeNull();
  });

  it('stays as it is when its GC is already as asked', async () => {
    const { stdout } = await run(process.execPath, [fixture('gc-restart.mjs'), 'auto', '8']);
    const after = JSON.parse(stdout.trim()) as { execArgv: string[]; unchanged: string | null };
    expect(after.execArgv).not.toContain(SINGLE_THREADED_GC);
    expect(after.unchanged).toBeNull();
  });

  it('keeps the same pid across the restart', async () => {
    const child = execFile(process.execPath, [fixture('gc-restart.mjs'), 'one', '1']);
    let out = '';
    child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
    await new Promise((resolve) => child.once('exit', resolve));
    expect((JSON.parse(out.trim()) as { pid: number }).pid).toBe(child.pid);
  });
});

describe.skipIf(process.platform === 'win32')('a gateway started with an IPC channel', () => {
  it('is not restarted in place (the channel would be lost) and says why', async () => {
    const { fork } = await import('node:child_process');
    const child = fork(fixture('gc-restart.mjs'), ['one', '2'], { stdio: ['ignore', 'pipe', 'inherit', 'ipc'] });
    let out = '';
    child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
    await new Promise((resolve) => child.once('exit', resolve));
    const after = JSON.parse(out.trim()) as { pid: number; execArgv: string[]; unchanged: string | null };
    expect(after.execArgv).not.toContain(SINGLE_THREADED_GC);
    expect(after.unchanged).toMatch(/IPC channel/);
  });
});
