/**
 * One simulated player for the server benchmark: a raw TCP connection that
 * refuses every telnet option (as a plain client does), logs a character in,
 * and sends commands, timing each from the write to the end of its answer:
 * the answer's own text, then the prompt's IAC GA.
 */
import net from 'node:net';

const IAC = 255;
const GA = Buffer.from([IAC, 249]);
const WILL = 251;
const WONT = 252;
const DO = 253;
const DONT = 254;

export interface Pending {
  marker: Buffer;
  sentAt: number;
  resolve: (rttMs: number) => void;
  timer: ReturnType<typeof setTimeout>;
}

/** An answer that has not come after this long is counted as lost (and the player goes on). */
export const ANSWER_TIMEOUT_MS = 10_000;

export class LoadClient {
  closed = false;
  bytesIn = 0;
  private readonly socket: net.Socket;
  private pending: Pending | undefined;
  private sawMarker = false;
  private tail = Buffer.alloc(0);
  /** A text awaited apart from any command (what the server says unasked, such as a restart notice). */
  private watch: { marker: Buffer; tail: Buffer; resolve: (at: number) => void; timer: ReturnType<typeof setTimeout> } | undefined;

  private constructor(socket: net.Socket) {
    this.socket = socket;
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => this.receive(chunk));
    socket.on('close', () => (this.closed = true));
    socket.on('error', () => {});
  }

  static connect(port: number): Promise<LoadClient> {
    return new Promise((resolve, reject) => {
      const socket = net.connect(port, '127.0.0.1');
      socket.once('connect', () => resolve(new LoadClient(socket)));
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
      const timer = setTimeout(() => {
        this.pending = undefined;
        resolve(Number.NaN);
      }, ANSWER_TIMEOUT_MS);
      this.pending = { marker: Buffer.from(marker, 'latin1'), sentAt: performance.now(), resolve, timer };
      this.sawMarker = false;
      this.tail = Buffer.alloc(0);
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
      const timer = setTimeout(() => {
        this.watch = undefined;
        resolve(Number.NaN);
      }, timeoutMs);
      this.watch = { marker: Buffer.from(marker, 'latin1'), tail: Buffer.alloc(0), resolve, timer };
    });
  }

  close(): void {
    this.socket.destroy();
  }

  private receive(chunk: Buffer): void {
    this.bytesIn += chunk.length;
    this.answerNegotiation(chunk);
    if (this.watch) this.watchFor(this.watch, chunk);
    const p = this.pending;
    if (!p) return;
    let data = this.tail.length > 0 ? Buffer.concat([this.tail, chunk]) : chunk;
    if (!this.sawMarker) {
      const at = data.indexOf(p.marker);
      if (at < 0) {
        this.tail = Buffer.from(data.subarray(Math.max(0, data.length - p.marker.length)));
        return;
      }
      this.sawMarker = true;
      data = data.subarray(at);
    }
    const ga = data.indexOf(GA);
    if (ga < 0) {
      this.tail = Buffer.from(data.subarray(data.length - 1));
      return;
    }
    this.pending = undefined;
    this.tail = Buffer.alloc(0);
    clearTimeout(p.timer);
    p.resolve(performance.now() - p.sentAt);
  }

  private watchFor(w: NonNullable<LoadClient['watch']>, chunk: Buffer): void {
    const data = w.tail.length > 0 ? Buffer.concat([w.tail, chunk]) : chunk;
    if (data.indexOf(w.marker) < 0) {
      w.tail = Buffer.from(data.subarray(Math.max(0, data.length - w.marker.length)));
      return;
    }
    this.watch = undefined;
    clearTimeout(w.timer);
    w.resolve(performance.now());
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
