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

/**
 * Where `feedTo` delivers the events, in order, as they are parsed: no event
 * objects, so a flood of `IAC DO x` costs no allocation per request. `data`
 * may be a view into the fed chunk or a scratch buffer: valid during the call only.
 */
export interface TelnetSink {
  data(data: Buffer): void;
  command(command: number): void;
  negotiation(verb: Verb, option: number): void;
  subnegotiation(option: number, payload: Buffer): void;
  error(error: 'subnegotiation-overflow' | 'subnegotiation-aborted', option: number, limit: number): void;
}

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
/** Runs shorter than this are copied byte by byte (a native copy costs more than it saves). */
const SHORT_RUN = 16;

/** Collects what `feed` returns. */
class EventCollector implements TelnetSink {
  readonly events: TelnetEvent[] = [];
  data(data: Buffer): void {
    this.events.push({ type: 'data', data });
  }
  command(command: number): void {
    this.events.push({ type: 'command', command });
  }
  negotiation(verb: Verb, option: number): void {
    this.events.push({ type: 'negotiation', verb, option });
  }
  subnegotiation(option: number, payload: Buffer): void {
    this.events.push({ type: 'subnegotiation', option, payload });
  }
  error(error: 'subnegotiation-overflow' | 'subnegotiation-aborted', option: number, limit: number): void {
    this.events.push({ type: 'error', error, option, limit });
  }
}

export class TelnetParser {
  readonly maxSubnegotiation: number;
  private state = S_DATA;
  private verb: Verb = 0 as never;
  private sbOption = 0;
  private sbBuf: Buffer | null = null;
  private sbLen = 0;
  private sbOverflow = false;
  // The data parsed since the last event, during one `feedTo`: a view of the
  // chunk [runFrom, runTo) while it is contiguous; once it is not (an escaped
  // IAC, an ignored command between two runs) it moves into `scratch`.
  private chunk: Buffer = EMPTY;
  private runFrom = 0;
  private runTo = 0;
  private scratch: Buffer | null = null;
  private scratchFrom = 0;
  private scratchTo = 0;

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

  /** Parses a chunk and returns its events. */
  feed(chunk: Uint8Array): TelnetEvent[] {
    const collector = new EventCollector();
    this.feedTo(chunk, collector);
    return collector.events;
  }

  /**
   * Parses a chunk, handing each event to `sink` as it is found. One pass
   * over the bytes: data runs are found by a plain loop (no native call per
   * IAC), negotiations go out without an object, and data is a view of the
   * chunk unless escaped IACs split it (then one scratch buffer per chunk).
   */
  feedTo(chunk: Uint8Array, sink: TelnetSink): void {
    const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    const n = buf.length;
    this.chunk = buf;
    this.runFrom = this.runTo = 0;
    this.scratch = null;
    this.scratchFrom = this.scratchTo = 0;
    let state = this.state;
    let i = 0;
    try {
      while (i < n) {
        switch (state) {
          case S_DATA: {
            let end = i;
            while (end < n && buf[end] !== IAC) end++;
            if (end > i) this.addRun(i, end);
            if (end === n) {
              i = n;
              continue;
            }
            // An IAC: read what follows it at once when it is in this chunk (the common case).
            if (end + 1 < n) {
              const b = buf[end + 1]!;
              if (b === IAC) {
                // Escaped 255: the second IAC is the data byte.
                this.addRun(end + 1, end + 2);
                i = end + 2;
                continue;
              }
              if (isVerb(b) && end + 2 < n) {
                this.flush(sink);
                sink.negotiation(b, buf[end + 2]!);
                i = end + 3;
                continue;
              }
            }
            state = S_IAC;
            i = end + 1;
            continue;
          }
          case S_IAC: {
            const b = buf[i]!;
            if (b === IAC) {
              this.addRun(i, i + 1);
              state = S_DATA;
            } else if (isVerb(b)) {
              this.verb = b;
              state = S_VERB;
            } else if (b === SB) {
              state = S_SB_OPTION;
            } else {
              // SE without SB and unknown bytes (below EOR) are ignored.
              if (b !== SE && b >= EOR) {
                this.flush(sink);
                sink.command(b);
              }
              state = S_DATA;
            }
            i++;
            continue;
          }
          case S_VERB:
            this.flush(sink);
            sink.negotiation(this.verb, buf[i]!);
            state = S_DATA;
            i++;
            continue;
          case S_SB_OPTION:
            this.sbOption = buf[i]!;
            this.sbLen = 0;
            this.sbOverflow = false;
            state = S_SB_DATA;
            i++;
            continue;
          case S_SB_DATA: {
            let end = i;
            while (end < n && buf[end] !== IAC) end++;
            if (end > i) this.append(buf, i, end, sink);
            if (end === n) {
              i = n;
            } else {
              state = S_SB_IAC;
              i = end + 1;
            }
            continue;
          }
          case S_SB_IAC: {
            const b = buf[i]!;
            if (b === IAC) {
              this.append(buf, i, i + 1, sink);
              state = S_SB_DATA;
              i++;
            } else if (b === SE) {
              if (!this.sbOverflow) {
                const payload = Buffer.from(this.sbBuf ? this.sbBuf.subarray(0, this.sbLen) : []);
                this.flush(sink);
                sink.subnegotiation(this.sbOption, payload);
              }
              this.endSubnegotiation();
              state = S_DATA;
              i++;
            } else {
              // A command inside a subnegotiation: abandon the subnegotiation,
              // then read this byte again as the one following an IAC.
              if (!this.sbOverflow) {
                this.flush(sink);
                sink.error('subnegotiation-aborted', this.sbOption, this.maxSubnegotiation);
              }
              this.endSubnegotiation();
              state = S_IAC;
            }
            continue;
          }
          default:
            state = S_DATA;
        }
      }
      this.state = state;
      this.flush(sink);
    } finally {
      this.state = state;
      this.chunk = EMPTY;
      this.scratch = null;
    }
  }

  /** Adds the chunk's bytes [from, to) to the data since the last event. */
  private addRun(from: number, to: number): void {
    const scratch = this.scratch;
    if (scratch) {
      this.scratchTo = copyInto(this.chunk, from, to, scratch, this.scratchTo);
    } else if (this.runTo === this.runFrom) {
      this.runFrom = from;
      this.runTo = to;
    } else if (this.runTo === from) {
      this.runTo = to;
    } else {
      // Not contiguous: the data of this chunk is never longer than what is left of it from the run on.
      const moved = Buffer.allocUnsafe(this.chunk.length - this.runFrom);
      this.scratchTo = copyInto(this.chunk, from, to, moved, copyInto(this.chunk, this.runFrom, this.runTo, moved, 0));
      this.scratchFrom = 0;
      this.scratch = moved;
      this.runFrom = this.runTo = 0;
    }
  }

  /** Hands the data since the last event to the sink. */
  private flush(sink: TelnetSink): void {
    if (this.scratch) {
      if (this.scratchTo > this.scratchFrom) {
        const data = this.scratch.subarray(this.scratchFrom, this.scratchTo);
        this.scratchFrom = this.scratchTo;
        sink.data(data);
      }
    } else if (this.runTo > this.runFrom) {
      const data = this.chunk.subarray(this.runFrom, this.runTo);
      this.runFrom = this.runTo = 0;
      sink.data(data);
    }
  }

  private append(src: Buffer, from: number, to: number, sink: TelnetSink): void {
    if (this.sbOverflow) return;
    const n = to - from;
    const needed = this.sbLen + n;
    if (needed > this.maxSubnegotiation) {
      this.sbOverflow = true;
      this.sbBuf = null;
      this.sbLen = 0;
      this.flush(sink);
      sink.error('subnegotiation-overflow', this.sbOption, this.maxSubnegotiation);
      return;
    }
    if (!this.sbBuf || this.sbBuf.length < needed) {
      let capacity = Math.max(64, this.sbBuf?.length ?? 0);
      while (capacity < needed) capacity *= 2;
      const grown = Buffer.allocUnsafe(Math.min(capacity, this.maxSubnegotiation));
      if (this.sbBuf) this.sbBuf.copy(grown, 0, 0, this.sbLen);
      this.sbBuf = grown;
    }
    this.sbLen = copyInto(src, from, to, this.sbBuf, this.sbLen);
  }

  private endSubnegotiation(): void {
    if (this.sbBuf && this.sbBuf.length > KEEP_CAPACITY) this.sbBuf = null;
    this.sbLen = 0;
    this.sbOverflow = false;
  }
}

const EMPTY = Buffer.alloc(0);

/** Copies src[from, to) to dst at `at`; returns the end of what was written. */
function copyInto(src: Buffer, from: number, to: number, dst: Buffer, at: number): number {
  if (to - from < SHORT_RUN) {
    for (let k = from; k < to; k++) dst[at++] = src[k]!;
    return at;
  }
  return at + src.copy(dst, at, from, to);
}
