/** A child process of a bench that answers typed messages over IPC, one at a time (the server, the gateway, a floor server). */
import { fork, type ChildProcess } from 'node:child_process';
import { constants, monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

export class BenchChild {
  private readonly waiting: Array<(m: { type: string }) => void> = [];

  private constructor(readonly child: ChildProcess) {
    child.on('message', (m: { type: string }) => this.waiting.shift()?.(m));
  }

  /** Starts `script` and resolves with its first message (where it listens), or rejects if it exits first. */
  static async start<First>(script: URL, execArgv: string[], options: { env?: NodeJS.ProcessEnv; args?: string[] } = {}): Promise<{ proc: BenchChild; first: First }> {
    const child = fork(fileURLToPath(script), options.args ?? [], { execArgv, env: options.env ?? process.env, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    const proc = new BenchChild(child);
    const exited = new Promise<never>((_, reject) => child.once('exit', (code) => reject(new Error(`${fileURLToPath(script)} exited (code ${code}) before it was ready`))));
    const first = (await Promise.race([proc.next(), exited])) as First;
    return { proc, first };
  }

  next(): Promise<{ type: string }> {
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  async request<T>(type: string): Promise<T> {
    const reply = this.next();
    this.child.send({ type });
    return (await reply) as T;
  }

  /** Asks it to stop, waits up to `graceMs`, then kills it. */
  async stop(graceMs = 15_000): Promise<void> {
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    if (this.child.connected) this.child.send({ type: 'stop' });
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, graceMs))]);
    this.child.kill('SIGKILL');
  }
}

/** The part of a stats reply every bench child gives: its own CPU, memory and event-loop delay (ms). */
export interface ChildStats {
  cpu: NodeJS.CpuUsage;
  memory: NodeJS.MemoryUsage;
  loop: { p50: number; p99: number; max: number };
  /** Garbage-collection pauses since the last `reset-loop` or `stats` (the collection `stats` forces is not counted). */
  gc: GcPauses;
}

export interface GcPauses {
  count: number;
  totalMs: number;
  longestMs: number;
  /** Of the pauses, the full (mark-compact) collections. */
  full: number;
}

/** The process's GC pauses from `windowStart` on, as PerformanceObserver reports them. */
export class GcPauseLog {
  private pauses: Array<{ start: number; ms: number; full: boolean }> = [];
  private windowStart = performance.now();

  constructor() {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        const kind = (entry as { detail?: { kind?: number } }).detail?.kind;
        this.pauses.push({ start: entry.startTime, ms: entry.duration, full: kind === constants.NODE_PERFORMANCE_GC_MAJOR });
      }
    }).observe({ entryTypes: ['gc'] });
  }

  reset(): void {
    this.pauses = [];
    this.windowStart = performance.now();
  }

  read(): GcPauses {
    const inWindow = this.pauses.filter((p) => p.start >= this.windowStart);
    return {
      count: inWindow.length,
      totalMs: inWindow.reduce((a, p) => a + p.ms, 0),
      longestMs: inWindow.reduce((a, p) => Math.max(a, p.ms), 0),
      full: inWindow.filter((p) => p.full).length,
    };
  }
}

/**
 * The child's end of BenchChild: `reset-loop` restarts the event-loop
 * histogram, `stats` answers after a collection with ChildStats and what
 * `stats` adds, `stop` runs `stop` and exits.
 */
export function answerBench(handlers: { stats: (own: ChildStats) => object; stop: () => Promise<unknown> }): void {
  const loop = monitorEventLoopDelay({ resolution: 1 });
  loop.enable();
  const pauses = new GcPauseLog();
  const gc = (globalThis as { gc?: () => void }).gc;
  process.on('message', (message: { type: string }) => {
    if (message.type === 'reset-loop') {
      loop.reset();
      pauses.reset();
      process.send?.({ type: 'ok' });
    } else if (message.type === 'stats') {
      const gcPauses = pauses.read();
      gc?.();
      pauses.reset();
      const own: ChildStats = { cpu: process.cpuUsage(), memory: process.memoryUsage(), loop: { p50: loop.percentile(50) / 1e6, p99: loop.percentile(99) / 1e6, max: loop.max / 1e6 }, gc: gcPauses };
      process.send?.({ type: 'stats', ...own, ...handlers.stats(own) });
    } else if (message.type === 'stop') {
      void handlers.stop().then(() => process.exit(0));
    }
  });
}
