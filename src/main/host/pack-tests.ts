/**
 * Runs a pack's tests for the studio's Tests panel: `maid pack test PACK
 * --json` in a process of its own (a test that hangs stalls neither the
 * game nor the studio, and is killed after a time limit), its report read
 * line by line into a PackTestRun that renderers see grow.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { parsePackTestEvent, type PackTestEvent } from '../../engine/testing/run-report';
import type { PackTestRun } from '../../shared/model';

/** A run that takes longer than this is killed and reported as timed out. */
const RUN_TIMEOUT_MS = 5 * 60_000;
/** Progress reaches renderers at most this often while a run goes on. */
const PROGRESS_MS = 150;
/** Output lines kept to explain a run that ended without its summary. */
const TAIL_LINES = 20;

export interface PackTestsOptions {
  /** The checkout: bin/maid.mjs is run from it. */
  root: string;
  packsDir: string;
  /** Each pack's folder as the engine listed it. */
  dirOf(pack: string): string | undefined;
  /** A run started, progressed or finished. */
  changed(run: PackTestRun): void;
  timeoutMs?: number;
}

export class PackTests {
  private readonly newest = new Map<string, PackTestRun>();
  private readonly running = new Map<string, { done: Promise<PackTestRun>; child: ChildProcess }>();
  private readonly afterReload = new Set<string>();
  private nextId = 1;
  private stopped = false;

  constructor(private readonly options: PackTestsOptions) {}

  /** Runs the pack's tests, or answers with the run already going for it. */
  run(pack: string, trigger: PackTestRun['trigger'] = 'manual', reloadId?: number): Promise<PackTestRun> {
    const going = this.running.get(pack);
    if (going) return going.done;
    const dir = this.options.dirOf(pack);
    if (!dir) return Promise.reject(new Error(`No pack named '${pack}' is known to the studio`));
    const run: PackTestRun = {
      id: this.nextId++,
      pack,
      state: 'running',
      trigger,
      ...(reloadId !== undefined ? { reloadId } : {}),
      startedAt: Date.now(),
      durationMs: 0,
      checks: [],
      tests: [],
      errors: [],
      passed: 0,
      failed: 0,
      skipped: 0,
    };
    this.newest.set(pack, run);
    const child = spawn(process.execPath, [join(this.options.root, 'bin', 'maid.mjs'), 'pack', 'test', dir, '--packs-dir', this.options.packsDir, '--json'], {
      cwd: dir,
      // In the desktop app process.execPath is Electron's binary: this makes it the Node it bundles.
      env: { ...withoutMaidSettings(process.env), ELECTRON_RUN_AS_NODE: '1', NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const done = this.follow(run, child);
    this.running.set(pack, { done, child });
    this.options.changed(run);
    return done;
  }

  /** The newest run of each pack. */
  runs(): PackTestRun[] {
    return [...this.newest.values()];
  }

  setAfterReload(pack: string, on: boolean): string[] {
    if (on) this.afterReload.add(pack);
    else this.afterReload.delete(pack);
    return this.afterReloadPacks();
  }

  afterReloadPacks(): string[] {
    return [...this.afterReload].sort();
  }

  runsAfterReload(pack: string): boolean {
    return this.afterReload.has(pack);
  }

  /** Ends the runs under way (the studio stops). */
  stop(): void {
    this.stopped = true;
    for (const { child } of this.running.values()) child.kill('SIGKILL');
  }

  private follow(run: PackTestRun, child: ChildProcess): Promise<PackTestRun> {
    const tail: string[] = [];
    let progress: NodeJS.Timeout | undefined;
    let finished = false;
    const report = () => {
      progress = undefined;
      run.durationMs = Date.now() - run.startedAt;
      if (!this.stopped) this.options.changed(run);
    };
    const soon = () => {
      progress ??= setTimeout(report, PROGRESS_MS);
    };
    const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
    lines.on('line', (line) => {
      const event = parsePackTestEvent(line);
      if (!event) return keep(tail, line);
      if (apply(run, event)) finished = true;
      soon();
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      for (const line of chunk.toString('utf8').split('\n')) if (line.trim() !== '') keep(tail, line);
    });
    const timer = setTimeout(() => {
      run.message = `The tests did not finish within ${Math.round((this.options.timeoutMs ?? RUN_TIMEOUT_MS) / 1000)} s and were stopped (a test that never ends?)`;
      child.kill('SIGKILL');
    }, this.options.timeoutMs ?? RUN_TIMEOUT_MS);
    timer.unref();
    return new Promise((resolve) => {
      const end = (message?: string) => {
        clearTimeout(timer);
        if (progress) clearTimeout(progress);
        this.running.delete(run.pack);
        if (!finished || run.message) {
          run.state = 'error';
          run.message ??= message ?? `The test run ended without its summary${tail.length > 0 ? `: ${tail.slice(-5).join(' | ')}` : ''}`;
        }
        report();
        resolve(run);
      };
      child.once('error', (err) => end(`The tests could not be started: ${err.message}`));
      child.once('close', () => end());
    });
  }
}

/** Folds one report line into the run; true when it was the summary. */
function apply(run: PackTestRun, event: PackTestEvent): boolean {
  switch (event.type) {
    case 'start':
      run.files = event.files;
      return false;
    case 'check':
      run.checks.push({ title: event.title, ok: event.ok, problems: event.problems, ...(event.skipped ? { skipped: true } : {}) });
      return false;
    case 'test':
      run.tests.push({ file: event.file, name: event.name, state: event.state, durationMs: event.durationMs, ...(event.failure ? { failure: event.failure } : {}) });
      run[event.state]++;
      return false;
    case 'error':
      run.errors.push(event.failure);
      return false;
    case 'done':
      run.state = event.ok ? 'passed' : 'failed';
      return true;
  }
}

function keep(tail: string[], line: string): void {
  tail.push(line.slice(0, 500));
  if (tail.length > TAIL_LINES) tail.shift();
}

/** The studio's MAID_* settings are its own: the test process gets the defaults, as `maid pack test` on a terminal would. */
function withoutMaidSettings(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const out: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(env)) if (!k.startsWith('MAID_')) out[k] = v;
  return out;
}
