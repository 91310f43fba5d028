/**
 * The telnet input state machine (RFC 854/855). Bytes go in, in chunks split
 * anywhere; events come out in order: data (with `IAC IAC` turned back into
 * one 255 byte), commands, negotiations and subnegotiations. Feeding a stream
 * one byte at a time gives the same events as feeding it whole, except that
 * data may arrive in more, smaller pieces.
 *
 * Robustness rules:
 * - A subnegotiation payload longer than `maxSubnegotiation` bytes is dropped;
 *   an `error` event reports it once, the rest up to `IAC SE` is discarded and
 *   nothing beyond the limit is ever buffered.
 * - `IAC` followed by anything but `IAC` or `SE` inside a subnegotiation aborts
 *   the subnegotiation (reported), and that `IAC x` is read as a command: a
 *   peer that forgot `IAC SE` cannot swallow the rest of the session.
 * - `IAC SE` outside a subnegotiation and `IAC` + an unknown byte are ignored.
 * The parser never throws on input.
 */
import { EOR, IAC, SB, SE, isVerb, type Verb } from './constants';

export type TelnetEvent =
  /** Application data. May be a view into the fed chunk: consume it before reusing that chunk. */
  | { type: 'data'; data: Buffer }
  /** A two-byte command: GA, NOP, AYT, IP, BRK, AO, EC, EL, DM or EOR. */
  | { type: 'command'; command: number }
  | { type: 'negotiation'; verb: Verb; option: number }
  /** A whole subnegotiation; `payload` excludes the option byte, with `IAC IAC` unescaped. */
  | { type: 'subnegotiation'; option: number; payload: Buffer }
  | { type: 'error'; error: 'subnegotiation-overflow' | 'subnegotiation-aborted'; option: number; limit: number };

export interface TelnetParserOptions {
  /** Largest subnegotiation payload kept, in bytes (after unescaping). Default 8192. */
  maxSubnegotiation?: number;
}

export const DEFAULT_MAX_SUBNEGOTIATION = 8192;

const S_DATA = 0;
const S_IAC = 1;
const S_VERB = 2;
const S_SB_OPTION = 3;
const S_SB_DATA = 4;
const S_SB_IAC = 5;

/** Payload buffers above this capacity are released after each subnegotiation. */
const KEEP_CAPACITY = 1024;

export class TelnetParser {
  readonly maxSubnegotiation: number;
  private state = S_DATA;
  private verb: Verb = 0 as never;
  private sbOption = 0;
  private sbBuf: Buffer | null = null;
  private sbLen = 0;
  private sbOverflow = false;

  constructor(options: TelnetParserOptions = {}) {
    this.maxSubnegotiation = Math.max(0, Math.floor(options.maxSubnegotiation ?? DEFAULT_MAX_SUBNEGOTIATION));
  }

  /** Bytes of memory held for an unfinished subnegotiation (never above the limit). */
  get bufferedBytes(): number {
    return this.sbBuf?.length ?? 0;
  }

  /** True between `IAC SB` and its `IAC SE`. */
  get inSubnegotiation(): boolean {
    return this.state >= S_SB_OPTION;
  }

  /** Forgets any partial sequence. */
  reset(): void {
    this.state = S_DATA;
    this.endSubnegotiation();
  }

  feed(chunk: Uint8Array): TelnetEvent[] {
    const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    const out: TelnetEvent[] = [];
    // Data is kept as views into the chunk while it has no escaped IAC; the
    // first `IAC IAC` moves it into one scratch buffer, so a stream of 0xFF
    // costs a byte copy per byte, not a Buffer per byte.
    const pieces: Buffer[] = [];
    let scratch: Buffer | null = null;
    let scratchStart = 0;
    let scratchEnd = 0;
    const addRun = (from: number, to: number): void => {
      if (to <= from) return;
      if (scratch) scratchEnd += buf.copy(scratch, scratchEnd, from, to);
      else pieces.push(buf.subarray(from, to));
    };
    const addEscapedIac = (): void => {
      if (!scratch) {
        scratch = Buffer.allocUnsafe(buf.length); // the unescaped data of a chunk is never longer than the chunk
        scratchStart = scratchEnd = 0;
        for (const p of pieces) scratchEnd += p.copy(scratch, scratchEnd);
        pieces.length = 0;
      }
      scratch[scratchEnd++] = IAC;
    };
    const flush = (): void => {
      if (scratch && scratchEnd > scratchStart) {
        out.push({ type: 'data', data: scratch.subarray(scratchStart, scratchEnd) });
        scratchStart = scratchEnd;
      } else if (pieces.length > 0) {
        out.push({ type: 'data', data: pieces.length === 1 ? pieces[0]! : Buffer.concat(pieces) });
        pieces.length = 0;
      }
    };
    const emit = (event: TelnetEvent): void => {
      flush();
      out.push(event);
    };

    let i = 0;
    while (i < buf.length) {
      switch (this.state) {
        case S_DATA: {
          const next = buf.indexOf(IAC, i);
          const end = next < 0 ? buf.length : next;
          addRun(i, end);
          if (next < 0) {
            i = buf.length;
          } else {
            this.state = S_IAC;
            i = next + 1;
          }
          continue;
        }
        case S_IAC: {
          const b = buf[i]!;
          if (b === IAC) {
            // Escaped 255: one data byte, then the data run goes on after it.
            addEscapedIac();
            this.state = S_DATA;
            i++;
            continue;
          }
          if (isVerb(b)) {
            this.verb = b;
            this.state = S_VERB;
          } else if (b === SB) {
            this.state = S_SB_OPTION;
          } else {
            // SE without SB and unknown bytes (below EOR) are ignored.
            if (b !== SE && b >= EOR) emit({ type: 'command', command: b });
            this.state = S_DATA;
          }
          i++;
          continue;
        }
        case S_VERB:
          emit({ type: 'negotiation', verb: this.verb, option: buf[i]! });
          this.state = S_DATA;
          i++;
          continue;
        case S_SB_OPTION:
          this.sbOption = buf[i]!;
          this.sbLen = 0;
          this.sbOverflow = false;
          this.state = S_SB_DATA;
          i++;
          continue;
        case S_SB_DATA: {
          const next = buf.indexOf(IAC, i);
          const end = next < 0 ? buf.length : next;
          if (end > i) this.append(buf, i, end, emit);
          if (next < 0) {
            i = buf.length;
          } else {
            this.state = S_SB_IAC;
            i = next + 1;
          }
          continue;
        }
        case S_SB_IAC: {
          const b = buf[i]!;
          if (b === IAC) {
            this.append(buf, i, i + 1, emit);
            this.state = S_SB_DATA;
            i++;
          } else if (b === SE) {
            if (!this.sbOverflow) {
              const payload = Buffer.from(this.sbBuf ? this.sbBuf.subarray(0, this.sbLen) : []);
              emit({ type: 'subnegotiation', option: this.sbOption, payload });
            }
            this.endSubnegotiation();
            this.state = S_DATA;
            i++;
          } else {
            // A command inside a subnegotiation: abandon the subnegotiation,
            // then read this byte again as the one following an IAC.
            if (!this.sbOverflow) emit({ type: 'error', error: 'subnegotiation-aborted', option: this.sbOption, limit: this.maxSubnegotiation });
            this.endSubnegotiation();
            this.state = S_IAC;
          }
          continue;
        }
        default:
          this.state = S_DATA;
      }
    }
    flush();
    return out;
  }

  private append(src: Buffer, from: number, to: number, emit: (event: TelnetEvent) => void): void {
    if (this.sbOverflow) return;
    const n = to - from;
    const needed = this.sbLen + n;
    if (needed > this.maxSubnegotiation) {
      this.sbOverflow = true;
      this.sbBuf = null;
      this.sbLen = 0;
      emit({ type: 'error', error: 'subnegotiation-overflow', option: this.sbOption, limit: this.maxSubnegotiation });
      return;
    }
    if (!this.sbBuf || this.sbBuf.length < needed) {
      let capacity = Math.max(64, this.sbBuf?.length ?? 0);
      while (capacity < needed) capacity *= 2;
      const grown = Buffer.allocUnsafe(Math.min(capacity, this.maxSubnegotiation));
      if (this.sbBuf) this.sbBuf.copy(grown, 0, 0, this.sbLen);
      this.sbBuf = grown;
    }
    src.copy(this.sbBuf, this.sbLen, from, to);
    this.sbLen = needed;
  }

  private endSubnegotiation(): void {
    if (this.sbBuf && this.sbBuf.length > KEEP_CAPACITY) this.sbBuf = null;
    this.sbLen = 0;
    this.sbOverflow = false;
  }
}
