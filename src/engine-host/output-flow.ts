/**
 * The order session output leaves the engine in. The IPC channel is one
 * queue: what `process.send` cannot write at once waits in the engine's end
 * of it, in order. A tick's output for 1,000 sessions (~600 KB) is more than
 * the channel holds, so an answer sent right after a tick waited behind all
 * of it, written only as fast as the gateway read (9–12 ms at p90, 21–39 ms
 * at p99 at 1,000 sessions, traced). So output that answers nobody (a tick's
 * chatter) is handed to the channel only while few frames are unwritten;
 * the rest waits here, and an answer goes at once, with whatever of its own
 * session's output waited before it, so each session's output keeps its
 * order.
 */
import type { SessionId, SessionOutput } from '../link/frames';

/** Frames handed to the channel and not yet written through: chatter waits while this many are. */
const MAX_UNWRITTEN_FRAMES = 2;
/** Items of waiting chatter per frame, once the channel takes more. */
const CHATTER_FRAME_ITEMS = 200;

/** Hands a frame's items to the channel; calls `written` once they are written through (or dropped). */
export type SendOutput = (items: SessionOutput[], written: () => void) => void;

export class OutputFlow {
  private waiting: SessionOutput[] = [];
  private waitingHead = 0;
  /** Items of each session in `waiting` (from `waitingHead` on); a session missing has none. */
  private readonly waitingOf = new Map<SessionId, number>();
  private unwritten = 0;

  constructor(private readonly send: SendOutput) {}

  /** Items that wait for the channel. */
  get pending(): number {
    return this.waiting.length - this.waitingHead;
  }

  /** One turn's output: answers (and their sessions' earlier output) now, the rest when the channel takes it. */
  push(items: readonly SessionOutput[]): void {
    const answering = new Set<SessionId>();
    for (const item of items) if (item.k === 'write' && item.answer) answering.add(item.s);
    const now: SessionOutput[] = [];
    if (answering.size > 0) this.takeWaitingOf(answering, now);
    for (const item of items) {
      if (answering.has(item.s)) now.push(item);
      else this.wait(item);
    }
    if (now.length > 0) this.sendFrame(now);
    this.sendChatter();
  }

  /** Sends everything that waits, whatever the channel holds (before a stop). */
  flush(): void {
    while (this.pending > 0) this.sendFrame(this.takeChatter(Number.POSITIVE_INFINITY));
  }

  private wait(item: SessionOutput): void {
    this.waiting.push(item);
    this.waitingOf.set(item.s, (this.waitingOf.get(item.s) ?? 0) + 1);
  }

  /** Moves the waiting items of `sessions` to `into`, in order. */
  private takeWaitingOf(sessions: ReadonlySet<SessionId>, into: SessionOutput[]): void {
    let left = 0;
    for (const s of sessions) left += this.waitingOf.get(s) ?? 0;
    if (left === 0) return;
    const kept: SessionOutput[] = [];
    for (let i = this.waitingHead; i < this.waiting.length; i++) {
      const item = this.waiting[i] as SessionOutput;
      if (left > 0 && sessions.has(item.s)) {
        into.push(item);
        left--;
      } else {
        kept.push(item);
      }
    }
    for (const s of sessions) this.waitingOf.delete(s);
    this.waiting = kept;
    this.waitingHead = 0;
  }

  private sendChatter(): void {
    while (this.unwritten < MAX_UNWRITTEN_FRAMES && this.pending > 0) this.sendFrame(this.takeChatter(CHATTER_FRAME_ITEMS));
  }

  private takeChatter(max: number): SessionOutput[] {
    const end = Math.min(this.waiting.length, this.waitingHead + max);
    const items = this.waiting.slice(this.waitingHead, end);
    this.waitingHead = end;
    for (const item of items) {
      const n = (this.waitingOf.get(item.s) ?? 1) - 1;
      if (n > 0) this.waitingOf.set(item.s, n);
      else this.waitingOf.delete(item.s);
    }
    if (this.waitingHead === this.waiting.length) {
      this.waiting = [];
      this.waitingHead = 0;
    }
    return items;
  }

  private sendFrame(items: SessionOutput[]): void {
    this.unwritten++;
    let done = false;
    this.send(items, () => {
      if (done) return;
      done = true;
      this.unwritten--;
      this.sendChatter();
    });
  }
}
