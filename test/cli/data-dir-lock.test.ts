// Issue 15, item 8, and issue 14, item 2: one process per data directory.
// A real `maid server start` stopped with SIGSTOP holds the lock: a second
// server says it waits for PID N and gives up with those words; the studio
// refuses a running server's data directory, saying how to start beside it.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DataDirLock, LOCK_FILE } from '../../src/engine/host';
import { StudioHost } from '../../src/main/host/studio-host';
import { makeTempDir, removeTempDirs, runMaid, startMaid, tempPacks, type MaidProcess } from './maid-process';

const READY = 'Ctrl-C stops the server';

describe('two processes on one data directory', () => {
  let first: MaidProcess;
  let packsDir: string;
  let dataDir: string;

  beforeAll(async () => {
    ({ packsDir, dataDir } = tempPacks(['starter-world']));
    first = startMaid(['server', 'start', '--content', 'starter-world', '--packs-dir', packsDir, '--data-dir', dataDir]);
    await first.waitFor(READY, { timeoutMs: 20_000 });
  }, 30_000);

  afterAll(async () => {
    first.child.kill('SIGCONT');
    await first.stop('SIGKILL');
    removeTempDirs();
  });

  it('a second server waits for the lock of a server stopped with SIGSTOP, naming its PID, then gives up', async () => {
    const pid = first.child.pid!;
    first.child.kill('SIGSTOP');
    try {
      const second = startMaid(['server', 'start', '--content', 'starter-world', '--packs-dir', packsDir, '--data-dir', dataDir], { env: { MAID_LOCK_TIMEOUT: '2' } });
      const waiting = await second.waitFor(/waiting up to/, { timeoutMs: 10_000 });
      expect(waiting).toContain(`The data directory ${dataDir} is locked by PID ${pid} (maid server, since `);
      expect(waiting).toContain(`that process is stopped (continue it with kill -CONT ${pid}, or end it)`);
      const done = await second.exited;
      expect(done.code).toBe(1);
      expect(done.stderr).toMatch(new RegExp(`Gave up after 2 s waiting for the lock: The data directory .* is locked by PID ${pid} `));
      expect(done.stderr).not.toMatch(/unexpected error|\n\s+at /);
    } finally {
      first.child.kill('SIGCONT');
    }
  }, 30_000);

  it('once continued, the first server still answers, and a second is refused at once', async () => {
    const second = await runMaid(['server', 'start', '--content', 'starter-world', '--packs-dir', packsDir, '--data-dir', dataDir]);
    expect(second.code).toBe(1);
    expect(second.stderr).toMatch(new RegExp(`Another maid server \\(pid ${first.child.pid}\\) is running with the data directory`));
    expect(first.child.exitCode).toBeNull();
  }, 20_000);

  it('the studio refuses the running server\'s data directory, saying how to start beside it', async () => {
    const emptyPacks = makeTempDir('maid-lock-packs-');
    const attempt = StudioHost.start({ mode: 'web', packsDir: emptyPacks, dataDir, gamePort: 0, consoleLog: false });
    await expect(attempt).rejects.toThrow(`Another maid server (pid ${first.child.pid}) is running with the data directory ${dataDir}. Stop it, or start the studio beside it with a data directory of its own: npm run studio -- --data-dir .maid-studio`);
    const beside = await StudioHost.start({ mode: 'web', packsDir: emptyPacks, dataDir: join(makeTempDir('maid-lock-own-'), '.maid-studio'), gamePort: 0, consoleLog: false });
    await beside.stop();
  }, 20_000);
});

describe('the lock file', () => {
  it('left by a process that is gone is taken over', async () => {
    const dataDir = makeTempDir('maid-lock-stale-');
    writeFileSync(join(dataDir, LOCK_FILE), JSON.stringify({ pid: 2 ** 22 + 12345, owner: 'maid server', startedAt: 1 }));
    const lock = await DataDirLock.acquire(dataDir, { owner: 'test', timeoutMs: 0 });
    expect(lock.holder.pid).toBe(process.pid);
    lock.release();
  });

  it('held in this same process makes a second taker wait, then give up naming this PID', async () => {
    const dataDir = makeTempDir('maid-lock-self-');
    const held = await DataDirLock.acquire(dataDir, { owner: 'maid studio', timeoutMs: 0 });
    const told: string[] = [];
    await expect(DataDirLock.acquire(dataDir, { owner: 'maid studio', timeoutMs: 300, onWaiting: (m) => told.push(m) })).rejects.toThrow(`Gave up after 0.3 s waiting for the lock: The data directory ${dataDir} is locked by PID ${process.pid} (maid studio, since `);
    expect(told).toHaveLength(1);
    held.release();
    const next = await DataDirLock.acquire(dataDir, { owner: 'maid studio', timeoutMs: 0 });
    next.release();
  });
});
