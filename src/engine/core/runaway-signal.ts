import { isMainThread, Worker } from 'node:worker_threads';
import { BATCH_LIMIT, BATCH_SEQ, batchClock } from './batch-clock';

/**
 * The cheap way to cut a runaway batch off, for a process that owns its
 * SIGINT (the engine host, on POSIX).
 *
 * `vm`'s `timeout` starts and joins a watchdog thread for every run:
 * 100-160 µs of CPU on this project's machines, a third of the engine's CPU
 * under the gateway bench's load, and two thread wake-ups a batch waits for
 * on a busy machine. Node's other way to stop a script, `breakOnSigint`,
 * registers the run with one process-wide SIGINT helper thread, which stays
 * up while any run is registered. A worker here keeps one run registered for
 * good, so a batch pays two uncontended mutexes (~2 µs), and the same worker
 * watches the batch clock (batch-clock.ts) and raises SIGINT once a batch
 * has run past its limit. V8 terminates the batch; the `vm` boundary cancels
 * the termination and throws ERR_SCRIPT_EXECUTION_INTERRUPTED, as it throws
 * ERR_SCRIPT_EXECUTION_TIMEOUT after a timeout.
 *
 * A SIGINT from outside (`kill -INT`, Ctrl-C reaching the process group) then
 * never ends the process: it interrupts the batch running, if any, which is
 * reported like a cut-off. Windows has no way to raise it from a thread, so
 * it keeps the timeout.
 */

/** state[CUT]: the batch sequence last cut off; [SLEEP]: never written, the worker waits on it between looks. */
const CUT = 0;
const SLEEP = 1;
/** How often the worker looks at the batch running, ms: a runaway is cut at its limit plus at most this. */
const POLL_MS = 20;

const WORKER_SOURCE = `
const { workerData, parentPort } = require('node:worker_threads');
const vm = require('node:vm');
const { batch, state } = workerData;
let told = false;
globalThis.maidWatchBatches = () => {
  // Armed only from inside the registered run: before it, Node's SIGINT handler is not installed and a SIGINT ends the process.
  if (!told) {
    told = true;
    parentPort.postMessage('armed');
  }
  let watched = 0;
  let since = 0;
  for (;;) {
    Atomics.wait(state, ${SLEEP}, 0, ${POLL_MS});
    const seq = Atomics.load(batch, ${BATCH_SEQ});
    if ((seq & 1) === 0 || seq !== watched) {
      watched = seq;
      since = performance.now();
      continue;
    }
    if (Atomics.load(state, ${CUT}) === seq || performance.now() - since < Atomics.load(batch, ${BATCH_LIMIT})) continue;
    Atomics.store(state, ${CUT}, seq);
    if (Atomics.load(batch, ${BATCH_SEQ}) === seq) process.kill(process.pid, 'SIGINT');
  }
};
const watch = new vm.Script('maidWatchBatches()', { filename: 'maid:runaway-signal' });
for (;;) {
  try {
    // This run stays registered with Node's SIGINT helper (it is what keeps the helper up), until the worker is terminated.
    watch.runInThisContext({ breakOnSigint: true });
  } catch (err) {
    // Every registered run hears a SIGINT, this one too: register again and go on watching.
    if (err?.code !== 'ERR_SCRIPT_EXECUTION_INTERRUPTED') throw err;
  }
}
`;

export const INTERRUPTED_CODE = 'ERR_SCRIPT_EXECUTION_INTERRUPTED';

class SignalCutOff {
  private readonly state = new Int32Array(new SharedArrayBuffer(2 * Int32Array.BYTES_PER_ELEMENT));
  private readonly worker: Worker;

  constructor(onGone: () => void) {
    // A script of its own whatever the process was started with (`--input-type=module` would make it a module).
    this.worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { batch: batchClock, state: this.state }, execArgv: [] });
    // If the watcher dies, batches go back to the timeout.
    this.worker.on('error', onGone);
    this.worker.on('exit', onGone);
  }

  /** Resolves once the worker watches (true) or when it could not start; from then on it never keeps the process alive. */
  armed(): Promise<boolean> {
    return new Promise<boolean>((resolve) => {
      this.worker.once('message', () => resolve(true));
      this.worker.once('exit', () => resolve(false));
    }).finally(() => this.worker.unref());
  }

  async stop(): Promise<void> {
    await this.worker.terminate().catch(() => 0);
  }
}

let active: SignalCutOff | undefined;

/**
 * Makes every runaway guard of this process cut off by signal from now on;
 * false (the timeout stays) on Windows, off the main thread, when the
 * process listens for SIGINT (`vm` would take its listeners off around every
 * batch), or when the worker cannot start. Only a process that owns its
 * SIGINT may call it: afterwards a SIGINT never ends the process.
 */
export async function startSignalCutOff(): Promise<boolean> {
  if (active) return true;
  if (process.platform === 'win32' || !isMainThread || process.listenerCount('SIGINT') > 0) return false;
  let cutter: SignalCutOff;
  try {
    cutter = new SignalCutOff(() => {
      if (active === cutter) active = undefined;
    });
  } catch {
    return false;
  }
  if (!(await cutter.armed())) return false;
  active = cutter;
  return true;
}

/**
 * True while this process cuts off by signal (started, its worker alive):
 * a guarded batch then runs with `breakOnSigint`, and the worker ends one
 * that passes its limit with ERR_SCRIPT_EXECUTION_INTERRUPTED.
 */
export function cutsBySignal(): boolean {
  return active !== undefined;
}

/** Back to the timeout (before the process exits, or in a test). */
export async function stopSignalCutOff(): Promise<void> {
  const cutter = active;
  active = undefined;
  await cutter?.stop();
}
