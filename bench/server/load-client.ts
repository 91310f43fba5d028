/**
 * One simulated player for the server benchmark: a raw TCP connection that
 * refuses every telnet option (as a plain client does), logs a character in,
 * and sends commands, timing each from the write to the end of its answer:
 * the answer's own text, then the prompt's IAC GA.
 *
 * A thousand of these share the bench's one process, and what they cost
 * shows up in the round trips they measure (an answer read late is timed
 * late). So they allocate as little as reading allows: every socket reads
 * into one shared buffer (`onread`, no Buffer per read and no stream
 * machinery), markers are encoded once, and one sweep, not a timer per
 * command, finds the answers that never came.
 */
import net from 'node:net';

const IAC = 255;
const GA = 249;
const WILL = 251;
const WONT = 252;
const DO = 253;
const DONT = 254;
const EMPTY = Buffer.alloc(0);
const PROMPT_END = Buffer.from([IAC, GA]);

/** An answer that has not come after this long is counted as lost (and the player goes on). */
export const ANSWER_TIMEOUT_MS = 10_000;

/**
 * Where every client's socket reads: a read is handled to the end before
 * the next one starts, so one buffer serves them all.
 */
const READ_BUFFER = Buffer.allocUnsafe(64 * 1024);

const encoded = new Map<string, Buffer>();
function bytesOf(text: string): Buffer {
  let bytes = encoded.get(text);
  if (!bytes) encoded.set(text, (bytes = Buffer.from(text, 'latin1')));
  return bytes;
}

/** Finds a byte string in a stream of chunks, a match across two chunks included. */
export class StreamSearch {
  /** The end of the last chunk, which the next one may complete into a match (a copy: chunks are reused). */
  private carry = EMPTY;

  constructor(private readonly needle: Buffer) {}

  /** Where the match ends in `chunk` (searching from `from`), or -1 when it has not come yet. */
  feed(chunk: Buffer, from: number): number {
    const n = this.needle.length;
    if (this.carry.length > 0) {
      const joined = Buffer.concat([this.carry, chunk.subarray(from, from + n - 1)]);
      const at = joined.indexOf(this.needle);
      const carried = this.carry.length;
      this.carry = EMPTY;
      if (at >= 0) return from + at + n - carried;
    }
    const at = chunk.indexOf(this.needle, from);
    if (at >= 0) return at + n;
    const keep = Math.min(n - 1, chunk.length - from);
    this.carry = keep > 0 ? Buffer.from(chunk.subarray(chunk.length - keep)) : EMPTY;
    return -1;
  }
}

interface Pending {
  marker: StreamSearch;
  /** The marker came; now the prompt's IAC GA ends the answer. */
  promptEnd: StreamSearch | undefined;
  sentAt: number;
  resolve: (rttMs: number) => void;
}

interface Watch {
  marker: StreamSearch;
  deadline: number;
  resolve: (at: number) => void;
}

/** Clients waiting for an answer or a text; one sweep a quarter second gives up on the overdue ones. */
const waiting = new Set<LoadClient>();
let sweeper: ReturnType<typeof setInterval> | undefined;

function startWaiting(client: LoadClient): void {
  waiting.add(client);
  sweeper ??= setInterval(sweep, 250);
}

function sweep(): void {
  const now = performance.now();
  for (const client of waiting) client.giveUpIfOverdue(now);
  if (waiting.size === 0 && sweeper) {
    clearInterval(sweeper);
    sweeper = undefined;
  }
}

export class LoadClient {
  closed = false;
  bytesIn = 0;
  private socket!: net.Socket;
  private pending: Pending | undefined;
  /** A text awaited apart from any command (what the server says unasked, such as a restart notice). */
  private watch: Watch | undefined;

  static connect(port: number): Promise<LoadClient> {
    const client = new LoadClient();
    return new Promise((resolve, reject) => {
      const socket = net.connect({
        port,
        host: '127.0.0.1',
        noDelay: true,
        onread: {
          buffer: READ_BUFFER,
          callback: (n) => {
            client.receive(READ_BUFFER.subarray(0, n));
            return true; // keep reading
          },
        },
      });
      client.socket = socket;
      socket.on('close', () => (client.closed = true));
      socket.once('connect', () => {
        socket.on('error', () => {});
        resolve(client);
      });
      socket.once('error', reject);
    });
  }

  /**
   * Sends the line and resolves with the round trip, in ms, once its answer
   * (containing `marker`) and the prompt arrived; NaN when no answer came
   * within ANSWER_TIMEOUT_MS.
   */
  command(line: string, marker: string): Promise<number> {
    if (this.pending) throw new Error('one command at a time');
    return new Promise((resolve) => {
      this.pending = { marker: new StreamSearch(bytesOf(marker)), promptEnd: undefined, sentAt: performance.now(), resolve };
      startWaiting(this);
      this.socket.write(line + '\r\n');
    });
  }

  /** Logs a new character in: every answer typed ahead (the server queues lines), done when the first room shows. */
  login(name: string, password: string): Promise<number> {
    return this.command(`${name}\r\nyes\r\n${password}\r\n${password}`, 'Exits:');
  }

  /** Resolves with performance.now() when `marker` arrives (only what comes after this call counts); NaN after `timeoutMs`. */
  waitForText(marker: string, timeoutMs = ANSWER_TIMEOUT_MS): Promise<number> {
    if (this.watch) throw new Error('one wait at a time');
    return new Promise((resolve) => {
      this.watch = { marker: new StreamSearch(bytesOf(marker)), deadline: performance.now() + timeoutMs, resolve };
      startWaiting(this);
    });
  }

  close(): void {
    this.socket.destroy();
  }

  /** Called by the sweep: what has waited past its time resolves as NaN. */
  giveUpIfOverdue(now: number): void {
    const p = this.pending;
    if (p && now - p.sentAt > ANSWER_TIMEOUT_MS) {
      this.pending = undefined;
      p.resolve(Number.NaN);
    }
    const w = this.watch;
    if (w && now > w.deadline) {
      this.watch = undefined;
      w.resolve(Number.NaN);
    }
    if (!this.pending && !this.watch) waiting.delete(this);
  }

  private receive(chunk: Buffer): void {
    this.bytesIn += chunk.length;
    this.answerNegotiation(chunk);
    const w = this.watch;
    if (w && w.marker.feed(chunk, 0) >= 0) {
      this.watch = undefined;
      w.resolve(performance.now());
    }
    const p = this.pending;
    if (p) {
      let from = 0;
      if (!p.promptEnd) {
        from = p.marker.feed(chunk, 0);
        if (from < 0) return;
        p.promptEnd = new StreamSearch(PROMPT_END);
      }
      if (p.promptEnd.feed(chunk, from) < 0) return;
      this.pending = undefined;
      p.resolve(performance.now() - p.sentAt);
    }
    if (!this.pending && !this.watch) waiting.delete(this);
  }

  /** Refuses each offer (WILL x -> DONT x, DO x -> WONT x), so the server settles at once. */
  private answerNegotiation(chunk: Buffer): void {
    let i = chunk.indexOf(IAC);
    while (i >= 0 && i + 2 < chunk.length + 1) {
      const verb = chunk[i + 1];
      const option = chunk[i + 2];
      if (option !== undefined && (verb === WILL || verb === DO)) this.socket.write(Buffer.from([IAC, verb === WILL ? DONT : WONT, option]));
      i = chunk.indexOf(IAC, i + 2);
    }
  }
}
