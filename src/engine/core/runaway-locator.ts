import inspector from 'node:inspector';
import { fileURLToPath } from 'node:url';
import { isMainThread, Worker } from 'node:worker_threads';
import { BATCH_LIMIT, BATCH_SEQ, batchClock } from './batch-clock';

/** A frame of the code a batch was running shortly before its cut-off; generated positions, 1-based. */
export interface RunningFrame {
  /** The script's file (a pack module's path), or a URL for scripts that are not files. */
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly functionName: string;
}

const FRAME_BYTES = 16 * 1024;
/** How often the worker looks at the batch running, in ms. */
const POLL_MS = 25;
/** state[SAMPLED]: the batch sequence whose frames the buffer holds; [LENGTH]: their bytes. */
const SAMPLED = 0;
const LENGTH = 1;

/**
 * The worker's side. It looks at the batch sequence every POLL_MS; once one
 * batch has run a quarter of its limit (early: on a busy machine enabling the
 * debugger can take a while, and a failed sample is tried again), it pauses the main thread through the
 * inspector (V8 serves a pause between two instructions, even in
 * `while (true) {}`), copies the top frames and resumes at once. The
 * debugger is on only for that moment. The frames wait in shared memory for
 * the main thread to read after the cut-off.
 */
const WORKER_SOURCE = `
const { workerData } = require('node:worker_threads');
const inspector = require('node:inspector');
const { batch, state, frames } = workerData;
const session = new inspector.Session();
session.connectToMainThread();
// Debugger.enable announces every script; a paused frame names only its script's id.
const scripts = new Map();
session.on('Debugger.scriptParsed', (m) => scripts.set(m.params.scriptId, m.params.url));
const post = (method) => new Promise((resolve, reject) => session.post(method, (err, result) => (err ? reject(err) : resolve(result))));
async function sample(seq) {
  const paused = new Promise((resolve) => session.once('Debugger.paused', resolve));
  try {
    await post('Debugger.enable');
    await post('Debugger.pause');
    const message = await paused;
    const top = message.params.callFrames.slice(0, 8).map((f) => ({ url: f.url || scripts.get(f.location.scriptId) || '', line: f.location.lineNumber + 1, column: f.location.columnNumber + 1, functionName: f.functionName }));
    const bytes = new TextEncoder().encode(JSON.stringify(top));
    if (bytes.length <= frames.length) {
      frames.set(bytes);
      Atomics.store(state, ${LENGTH}, bytes.length);
      Atomics.store(state, ${SAMPLED}, seq);
    }
  } catch {
    // No frames this time: the report falls back to where the call is defined.
  } finally {
    await post('Debugger.resume').catch(() => {});
    await post('Debugger.disable').catch(() => {});
    scripts.clear();
  }
}
let watched = 0;
let since = 0;
let busy = false;
setInterval(() => {
  if (busy) return;
  const seq = Atomics.load(batch, ${BATCH_SEQ});
  if ((seq & 1) === 0 || seq !== watched) {
    watched = seq;
    since = performance.now();
    return;
  }
  // Caught already; otherwise (not yet, or a sample that failed) try again at the next poll while the batch runs.
  if (Atomics.load(state, ${SAMPLED}) === seq) return;
  if (performance.now() - since + ${POLL_MS} < Atomics.load(batch, ${BATCH_LIMIT}) / 4) return;
  busy = true;
  void sample(seq).finally(() => {
    busy = false;
  });
}, ${POLL_MS});
`;

/**
 * Finds where a runaway batch was running: one worker thread per process
 * that samples the main thread's stack once a batch has run a quarter of its limit.
 * It reads the batch clock the guard keeps (batch-clock.ts); the worker wakes every POLL_MS.
 */
class RunawayLocator {
  private readonly state = new Int32Array(new SharedArrayBuffer(2 * Int32Array.BYTES_PER_ELEMENT));
  private readonly frames = new Uint8Array(new SharedArrayBuffer(FRAME_BYTES));
  private readonly worker: Worker;

  constructor() {
    this.worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { batch: batchClock, state: this.state, frames: this.frames } });
    // The locator must never keep a process alive, nor take it down.
    this.worker.unref();
    this.worker.on('error', () => {});
  }

  /** Ends the worker (its inspector session would otherwise hold an exiting process: "Waiting for the debugger to disconnect"). */
  stop(): Promise<number> {
    return this.worker.terminate();
  }

  /** The frames sampled during batch `seq`, innermost first, if the worker caught it. */
  framesOf(seq: number): RunningFrame[] | undefined {
    if (Atomics.load(this.state, SAMPLED) !== seq) return undefined;
    const length = Atomics.load(this.state, LENGTH);
    try {
      const parsed = JSON.parse(new TextDecoder().decode(this.frames.slice(0, length))) as { url: string; line: number; column: number; functionName: string }[];
      return parsed.map((f) => ({ file: fileOf(f.url), line: f.line, column: f.column, functionName: f.functionName }));
    } catch {
      return undefined;
    }
  }
}

let shared: RunawayLocator | null | undefined;

/**
 * The process's locator, started on first use; undefined off the main
 * thread (the inspector would pause the wrong thread), under a debugger
 * (`--inspect`: its user would see the pauses) or when a worker cannot
 * start. Reports then fall back to where the call is defined.
 */
export function runawayLocator(): Pick<RunawayLocator, 'framesOf'> | undefined {
  if (shared === undefined) {
    try {
      shared = isMainThread && inspector.url() === undefined ? new RunawayLocator() : null;
    } catch {
      shared = null;
    }
  }
  return shared ?? undefined;
}

/** Stops the process's locator before the process exits; later cut-offs are reported where the call is defined. */
export async function stopRunawayLocator(): Promise<void> {
  const locator = shared;
  shared = null;
  await locator?.stop().catch(() => 0);
}

function fileOf(url: string): string {
  if (!url.startsWith('file://')) return url;
  try {
    return fileURLToPath(url);
  } catch {
    return url;
  }
}
