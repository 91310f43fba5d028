// The studio's type checks of the packs: requested after each reload result
// is recorded (never on the reload's path), run in a worker thread, and
// reported per pack. A pack asked for again while its check runs is checked
// once more afterwards, with the newest reload's id.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { PackProblems } from '../../shared/model';
import type { TypeCheckReply, TypeCheckRequest, TypeCheckWorkerData } from '../types/type-check-protocol';

/** Starts the worker from the build next to this module (bundled host) or from the TypeScript source (tsx, tests). */
function startWorker(data: TypeCheckWorkerData): Worker {
  for (const name of ['type-check-worker.mjs', 'type-check-worker.js']) {
    const built = new URL(`./${name}`, import.meta.url);
    if (existsSync(fileURLToPath(built))) return new Worker(built, { workerData: data });
  }
  // From source: the worker registers tsx's loader, then imports the TypeScript module.
  const source = pathToFileURL(join(dirname(fileURLToPath(import.meta.url)), '..', 'types', 'type-check-worker.ts')).href;
  const tsx = pathToFileURL(join(data.root, 'node_modules', 'tsx', 'dist', 'esm', 'api', 'index.mjs')).href;
  const boot = `import(${JSON.stringify(tsx)}).then(({ register }) => { register(); return import(${JSON.stringify(source)}); })`;
  return new Worker(boot, { eval: true, workerData: data });
}

interface Pending {
  dir: string;
  reloadId?: number;
}

export class TypeChecks {
  private worker: Worker | undefined;
  private nextId = 1;
  /** The check running now, per pack. */
  private readonly running = new Map<string, { id: number; reloadId?: number }>();
  /** A check asked for while one runs. */
  private readonly queued = new Map<string, Pending>();
  private readonly latest = new Map<string, PackProblems>();
  private stopped = false;
  /** The worker could not start (no TypeScript installed, say): no more attempts, one warning. */
  private broken = false;
  private answered = false;

  constructor(
    private readonly data: TypeCheckWorkerData,
    private readonly report: (problems: PackProblems) => void,
    private readonly warn: (message: string) => void,
  ) {}

  /** The newest report of each pack. */
  all(): PackProblems[] {
    return [...this.latest.values()];
  }

  /** Checks a pack's files soon; `reloadId`: the reload whose timeline entry gets the count. */
  request(pack: string, dir: string, reloadId?: number): void {
    if (this.stopped || this.broken) return;
    if (this.running.has(pack)) {
      // One more check after this one, for the newest reload asked about (a request without one keeps it).
      const newest = reloadId ?? this.queued.get(pack)?.reloadId;
      this.queued.set(pack, { dir, ...(newest !== undefined ? { reloadId: newest } : {}) });
      return;
    }
    const id = this.nextId++;
    this.running.set(pack, { id, ...(reloadId !== undefined ? { reloadId } : {}) });
    const request: TypeCheckRequest = { id, pack, dir };
    this.ensureWorker().postMessage(request);
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = startWorker(this.data);
    worker.unref(); // never what keeps the host alive
    worker.on('message', (reply: TypeCheckReply) => this.onReply(reply));
    worker.on('error', (err) => {
      // Failing before its first answer, it would fail the same way each time: stop asking.
      if (!this.answered) this.broken = true;
      this.warn(`Studio: ${this.broken ? 'no TypeScript problems for the packs' : 'the type check stopped'}: ${String(err)}`);
    });
    worker.on('exit', () => {
      if (this.worker !== worker) return;
      this.worker = undefined;
      this.running.clear();
    });
    this.worker = worker;
    return worker;
  }

  private onReply(reply: TypeCheckReply): void {
    this.answered = true;
    const run = this.running.get(reply.pack);
    if (!run || run.id !== reply.id) return;
    this.running.delete(reply.pack);
    if ('error' in reply) this.warn(`Studio: type check of '${reply.pack}' failed: ${reply.error}`);
    else {
      const problems: PackProblems = { pack: reply.pack, problems: reply.problems, checkedAt: Date.now(), durationMs: Math.round(reply.durationMs), ...(run.reloadId !== undefined ? { reloadId: run.reloadId } : {}) };
      this.latest.set(reply.pack, problems);
      if (!this.stopped) this.report(problems);
    }
    const next = this.queued.get(reply.pack);
    if (next) {
      this.queued.delete(reply.pack);
      this.request(reply.pack, next.dir, next.reloadId);
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.worker?.terminate();
    this.worker = undefined;
  }
}
