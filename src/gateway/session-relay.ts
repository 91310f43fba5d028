/**
 * The gateway's sessions: every connection the endpoints accept, relayed to
 * the engine as link items and back. The relay outlives the engine: while
 * the engine restarts, each player is told once, what they type waits (up
 * to a bound), and when a new engine serves, each session that was playing
 * is put back in the world as its character, without logging in.
 */
import type { Logger } from '../engine/host';
import type { Transport } from '../engine/server';
import { Batcher } from '../link/batcher';
import type { LinkCharacter, SessionId, SessionInput, SessionOutput } from '../link/frames';

/**
 * Output items applied (written to their sockets) per turn of the event loop.
 * The engine sends a tick's output in slices of 50 sessions, but frames that
 * arrive together are read in one turn: a thousand socket writes in a row
 * would hold every player's input meanwhile (~15 ms), so the relay writes
 * in slices too, reading input between them. Writing a tick's output for
 * 1,000 sessions takes the gateway ~15 ms; the answer to a command that
 * arrives meanwhile does not wait for it: a session waiting for an answer
 * has its output written at once (after its own queued items, so a
 * session's output keeps its order).
 *
 * The slice is per turn, not per frame: a turn reads every frame waiting in
 * the channel, and a fresh 50 for each of a tick's 50-item frames wrote
 * them all in that turn.
 */
const OUTPUT_SLICE = 50;

/** Lines a player may type while the engine restarts; more are dropped, with one notice. */
const MAX_WAITING_LINES = 50;

interface RelayedSession {
  id: SessionId;
  transport: Transport;
  /** The client answered its negotiation: the engine may be told the session is open. */
  negotiated: boolean;
  /** The current engine knows this session. */
  opened: boolean;
  /** The character it plays, once playing: a new engine puts it back in the world. */
  character: LinkCharacter | undefined;
  /** Input that arrived while no engine served. */
  waiting: SessionInput[];
  waitingLines: number;
  toldDown: boolean;
  /**
   * A line went to the engine and its answer (the write the engine marks
   * `answer`) has not come back: whatever comes for this session goes ahead
   * of other sessions' queued output. A tick's chatter ends in a prompt too,
   * but is no answer, so it does not end the wait.
   */
  awaitingAnswer: boolean;
  /** Its output items waiting in the relay's queue. */
  queued: number;
}

export interface SessionRelayOptions {
  logger: Logger;
  negotiationTimeoutMs: number;
  /** Hands a batch to the engine; false when no engine takes it now. */
  send(items: SessionInput[]): boolean;
}

export class SessionRelay {
  private readonly sessions = new Map<SessionId, RelayedSession>();
  private readonly inbox: Batcher<SessionInput>;
  private nextId = 1;
  /** Output items not yet applied, in order from `outputHead`; an item applied ahead of its turn is left as undefined. */
  private outputQueue: Array<SessionOutput | undefined> = [];
  private outputHead = 0;
  private outputScheduled = false;
  /** Items this turn may still write on arrival (nothing queued before them); OUTPUT_SLICE again next turn. */
  private turnBudget = OUTPUT_SLICE;
  private budgetResetScheduled = false;
  private up = false;
  private downCause = '';

  constructor(private readonly options: SessionRelayOptions) {
    // The lines read in one turn go to the engine as one frame, at the end of that turn.
    this.inbox = new Batcher((items) => {
      if (!this.options.send(items)) this.requeue(items);
    });
  }

  get size(): number {
    return this.sessions.size;
  }

  /** Sessions playing a character (for MSSP and the status). */
  get playing(): number {
    let n = 0;
    for (const s of this.sessions.values()) if (s.character) n++;
    return n;
  }

  /** A new connection from an endpoint. */
  accept(transport: Transport): void {
    const session: RelayedSession = { id: this.nextId++, transport, negotiated: false, opened: false, character: undefined, waiting: [], waitingLines: 0, toldDown: false, awaitingAnswer: false, queued: 0 };
    this.sessions.set(session.id, session);
    const s = session.id;
    transport.bind({
      line: (text) => this.input(session, { k: 'line', s, text }),
      gmcp: (pkg, data) => this.input(session, data === undefined ? { k: 'gmcp', s, pkg } : { k: 'gmcp', s, pkg, data }),
      limit: (limit, max) => this.input(session, { k: 'limit', s, limit, max }),
      capsChanged: () => {
        if (session.negotiated) this.input(session, { k: 'caps', s, caps: capsOf(transport) });
      },
      closed: (reason) => this.closed(session, reason),
    });
    void transport.ready(this.options.negotiationTimeoutMs).then(() => {
      if (!this.sessions.has(s)) return;
      session.negotiated = true;
      if (this.up) this.open(session);
      else this.tellDown(session);
    });
  }

  /**
   * What the engine said, applied to the connections in order: up to
   * OUTPUT_SLICE items a turn now when nothing waits, the rest in the next
   * turns; answers to sessions waiting for one at once.
   */
  output(items: readonly SessionOutput[]): void {
    // Written on arrival only while nothing is queued before them; once one queues, the rest follow it.
    const writable = this.outputHead === this.outputQueue.length;
    for (const item of items) {
      const session = this.sessions.get(item.s);
      if (!session) continue;
      if (session.awaitingAnswer) {
        if (session.queued > 0) this.applyQueuedOf(session);
        this.apply(item);
      } else if (writable && this.turnBudget > 0) {
        this.spendBudget();
        this.apply(item);
      } else {
        session.queued++;
        this.outputQueue.push(item);
      }
    }
    this.scheduleOutput();
  }

  private spendBudget(): void {
    this.turnBudget--;
    if (this.budgetResetScheduled) return;
    this.budgetResetScheduled = true;
    setImmediate(this.resetBudget);
  }

  private readonly resetBudget = (): void => {
    this.budgetResetScheduled = false;
    this.turnBudget = OUTPUT_SLICE;
  };

  private scheduleOutput(): void {
    if (this.outputScheduled) return;
    if (this.outputHead === this.outputQueue.length) {
      this.outputQueue = [];
      this.outputHead = 0;
      return;
    }
    this.outputScheduled = true;
    setImmediate(this.applyOutputSlice);
  }

  private readonly applyOutputSlice = (): void => {
    this.outputScheduled = false;
    for (let n = 0; n < OUTPUT_SLICE; ) {
      if (this.outputHead >= this.outputQueue.length) break;
      const item = this.outputQueue[this.outputHead++];
      if (item === undefined) continue;
      n++;
      this.applyQueued(item);
    }
    this.scheduleOutput();
  };

  /** Applies every output item still waiting (before the players hear of a restart, or goodbye). */
  private applyAllOutput(): void {
    while (this.outputHead < this.outputQueue.length) {
      const item = this.outputQueue[this.outputHead++];
      if (item !== undefined) this.applyQueued(item);
    }
    this.scheduleOutput();
  }

  /** A session's queued items, ahead of the others' (its answer came). */
  private applyQueuedOf(session: RelayedSession): void {
    const queue = this.outputQueue;
    for (let i = this.outputHead; i < queue.length && session.queued > 0; i++) {
      const item = queue[i];
      if (item === undefined || item.s !== session.id) continue;
      queue[i] = undefined;
      this.applyQueued(item);
    }
  }

  private applyQueued(item: SessionOutput): void {
    const session = this.sessions.get(item.s);
    if (session) session.queued--;
    this.apply(item);
  }

  private apply(item: SessionOutput): void {
    const session = this.sessions.get(item.s);
    if (!session) return;
    const { transport } = session;
    switch (item.k) {
      case 'write':
        if (item.answer) session.awaitingAnswer = false;
        transport.write(item.text, item.prompt);
        return;
      case 'data':
        if (transport.acceptsData(item.pkg)) transport.sendData(item.pkg, item.data);
        return;
      case 'echo':
        transport.setEcho(item.hidden);
        return;
      case 'playing':
        session.character = item.character;
        return;
      case 'close':
        this.sessions.delete(session.id);
        transport.close();
        return;
    }
  }

  /** The engine went away: every player hears it once; input waits for the next engine. */
  engineDown(cause: string): void {
    // What the engine said before it went goes out first.
    this.applyAllOutput();
    this.up = false;
    this.downCause = cause;
    for (const session of this.sessions.values()) {
      session.opened = false;
      session.toldDown = false;
      if (session.negotiated) this.tellDown(session);
    }
  }

  /**
   * The engine cannot start again for now: every player is told why, once
   * per reason, and stays connected; their input waits as during a restart.
   */
  engineFailed(message: string, retryMs: number): void {
    this.up = false;
    const cause = `it could not start: ${message}`;
    if (cause === this.downCause) return;
    this.downCause = cause;
    for (const session of this.sessions.values()) {
      if (!session.negotiated) continue;
      session.toldDown = true;
      session.transport.write(`The game cannot come back up yet (${message}). You stay connected; it tries again in ${Math.round(retryMs / 1000)} s.\n`);
    }
  }

  /** A new engine serves: each session is opened in it (playing ones resumed), then their waiting input follows. */
  engineUp(): void {
    this.applyAllOutput();
    this.up = true;
    for (const session of this.sessions.values()) {
      if (!session.negotiated) continue;
      if (session.toldDown) session.transport.write(session.character ? 'The game is back.\n' : 'The game is back; please log in again.\n');
      session.toldDown = false;
      this.open(session);
    }
  }

  /** Closes every connection with a last message (the server stops). */
  closeAll(message: string): void {
    this.applyAllOutput();
    for (const session of this.sessions.values()) {
      session.transport.write(`${message}\n`);
      session.transport.close();
    }
    this.sessions.clear();
  }

  private open(session: RelayedSession): void {
    const { transport } = session;
    const item: SessionInput = { k: 'open', s: session.id, protocol: transport.protocol, address: transport.address, caps: capsOf(transport) };
    if (transport.clientName !== undefined) item.client = transport.clientName.slice(0, 200);
    if (session.character) item.resume = session.character;
    session.opened = true;
    this.inbox.push(item);
    const waiting = session.waiting;
    session.waiting = [];
    session.waitingLines = 0;
    for (const queued of waiting) {
      if (queued.k === 'line') session.awaitingAnswer = true;
      this.inbox.push(queued);
    }
  }

  private input(session: RelayedSession, item: SessionInput): void {
    if (this.up && session.opened) {
      if (item.k === 'line') session.awaitingAnswer = true;
      this.inbox.push(item);
      return;
    }
    if (item.k === 'line') {
      if (session.waitingLines >= MAX_WAITING_LINES) {
        if (session.waitingLines++ === MAX_WAITING_LINES) session.transport.write(`More than ${MAX_WAITING_LINES} lines are waiting for the game; the rest are dropped.\n`);
        return;
      }
      session.waitingLines++;
    }
    if (item.k === 'caps') return; // the open after the restart carries the newest
    session.waiting.push(item);
  }

  private closed(session: RelayedSession, reason: string): void {
    if (!this.sessions.delete(session.id)) return;
    // An engine that never heard of the session needs no word of its end.
    if (session.opened) this.inbox.push({ k: 'closed', s: session.id, reason });
  }

  private tellDown(session: RelayedSession): void {
    if (session.toldDown) return;
    session.toldDown = true;
    session.transport.write(`The game is restarting (${this.downCause}); what you type will run in a moment.\n`);
  }

  /** A batch the engine could not take (it went away meanwhile): its items wait like any other input. */
  private requeue(items: SessionInput[]): void {
    for (const item of items) {
      const session = this.sessions.get(item.s);
      if (!session || item.k === 'open' || item.k === 'closed') continue;
      session.opened = false;
      session.waiting.push(item);
    }
  }
}

function capsOf(transport: Transport): { gmcp: boolean; supports: string[] } {
  return transport.caps?.() ?? { gmcp: false, supports: [] };
}
