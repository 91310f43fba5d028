import { CutOffError, type CutOff, type RunawayGuard } from './runaway-guard';

/**
 * Microtasks to wait after a batch for jobs its continuations submit: a
 * session's next line is submitted a handful of promise steps after its
 * previous one settles, and should run in this turn of the event loop, as it
 * would without the guard, not wait for the next one.
 */
const FOLLOW_UP_STEPS = 32;

interface Job {
  run(): unknown;
  resolve(value: unknown): void;
  reject(err: unknown): void;
}

export interface GuardedQueueOptions {
  guard: RunawayGuard;
  /** While this returns a promise, jobs wait for it (a reload swapping code); checked before each batch. */
  holdWhile?: () => Promise<unknown> | undefined;
  /** A job was cut off; its promise rejects with a CutOffError after this. */
  cutOff?: (cutOff: CutOff) => void;
}

/**
 * Collects pack calls that arrive in the same turn of the event loop (the
 * lines of every session read in one poll, a burst of timers) and runs them
 * in one guarded batch on `setImmediate`, so the cost of starting a guard is
 * shared. A job's promise settles with what its function returned (a
 * promise it returned is followed) or threw, or rejects with a CutOffError.
 */
export class GuardedQueue {
  private jobs: Job[] = [];
  private scheduled = false;

  constructor(private readonly options: GuardedQueueOptions) {}

  get waiting(): number {
    return this.jobs.length;
  }

  submit<T>(run: () => T | Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.jobs.push({ run, resolve: resolve as (value: unknown) => void, reject });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => void this.drain());
  }

  private async drain(): Promise<void> {
    let hold: Promise<unknown> | undefined;
    try {
      for (;;) {
        hold = this.options.holdWhile?.();
        if (hold) break;
        this.flush();
        for (let step = 0; step < FOLLOW_UP_STEPS && this.jobs.length === 0; step++) await undefined;
        if (this.jobs.length === 0) break;
      }
    } finally {
      this.scheduled = false;
      if (hold) void hold.catch(() => {}).then(() => this.schedule());
      // Whatever went wrong above, jobs still waiting get their turn.
      else if (this.jobs.length > 0) this.schedule();
    }
  }

  private flush(): void {
    const batch = this.jobs;
    this.jobs = [];
    this.options.guard.runEach(
      batch,
      (job) => {
        try {
          job.resolve(job.run());
        } catch (err) {
          job.reject(err);
        }
      },
      (job, cutOff) => {
        try {
          this.options.cutOff?.(cutOff);
        } catch {
          // A broken reporter must not cost the jobs after this one their turn.
        }
        job.reject(new CutOffError(cutOff));
      },
    );
  }
}
