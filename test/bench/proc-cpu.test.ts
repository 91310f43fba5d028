/**
 * The gateway bench reads the CPU time of processes it did not start itself
 * (the engine process the gateway forks) from /proc: the reader must count
 * a busy process's time, and say NaN for one that is gone.
 */
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { processCpuSeconds } from '../../bench/lib/proc-cpu';

describe.skipIf(process.platform !== 'linux')('processCpuSeconds', () => {
  it("counts another process's user + system time, and is NaN once it is gone", async () => {
    const child = spawn(process.execPath, ['-e', 'const end = Date.now() + 600; while (Date.now() < end) {}'], { stdio: 'ignore' });
    const exited = new Promise((resolve) => child.once('exit', resolve));
    const pid = child.pid as number;
    const first = processCpuSeconds(pid);
    await new Promise((resolve) => setTimeout(resolve, 400));
    const later = processCpuSeconds(pid);
    expect(first).toBeGreaterThanOrEqual(0);
    expect(later - first).toBeGreaterThan(0.05);
    await exited;
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(processCpuSeconds(pid)).toBeNaN();
  });

  it('reads its own process like process.cpuUsage does (within a few clock ticks)', () => {
    const end = Date.now() + 200;
    while (Date.now() < end) {
      // busy
    }
    const usage = process.cpuUsage();
    expect(Math.abs(processCpuSeconds(process.pid) - (usage.user + usage.system) / 1e6)).toBeLessThan(0.1);
  });
});
