/**
 * Turns the telnet data stream (IAC already removed) into lines of text.
 *
 * - CR LF, CR NUL, a bare LF and a bare CR each end exactly one line; the
 *   pairing survives a CR at the end of one chunk and its LF at the start of
 *   the next. Other NUL bytes are dropped (NVT no-ops).
 * - Bytes are UTF-8. A character split across chunks is reassembled; invalid
 *   sequences become U+FFFD; decoding never throws.
 * - Control characters other than TAB (C0, DEL, C1) are removed from lines
 *   unless `stripControl` is false, so a player cannot smuggle terminal escape
 *   sequences to other players through commands.
 * - `maxLineLength` (UTF-16 code units, as JS counts string length): past it
 *   the line is cut there (never inside a surrogate pair), a `limit`
 *   `overlong` event is emitted at once, the rest up to the next line end is
 *   discarded, and the cut line is delivered with `truncated: true`.
 * - `maxBufferedBytes`: raw bytes received since the last line end. Past it a
 *   `limit` `buffer` event is emitted, the pending line is dropped (no `line`
 *   event) and input is discarded up to the next line end. Memory held is
 *   bounded by the line length limit whatever the peer sends.
 */

export type LineEvent =
  | { type: 'line'; text: string; truncated: boolean }
  | { type: 'limit'; limit: 'overlong' | 'buffer'; max: number };

export interface LineAssemblerOptions {
  /** Longest line kept, in UTF-16 code units. Default 4096. */
  maxLineLength?: number;
  /** Most raw bytes accepted without a line end. Default 32768. */
  maxBufferedBytes?: number;
  /** Remove control characters (except TAB) from lines. Default true. */
  stripControl?: boolean;
}

export const DEFAULT_MAX_LINE_LENGTH = 4096;
export const DEFAULT_MAX_BUFFERED_BYTES = 32768;

const CR = 13;
const LF = 10;
const NUL = 0;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f]/g;

export class LineAssembler {
  readonly maxLineLength: number;
  readonly maxBufferedBytes: number;
  private readonly stripControl: boolean;
  private decoder = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });
  private parts: string[] = [];
  private length = 0;
  private rawBytes = 0;
  private overlong = false;
  private dropped = false;
  private lastWasCR = false;

  constructor(options: LineAssemblerOptions = {}) {
    this.maxLineLength = Math.max(1, Math.floor(options.maxLineLength ?? DEFAULT_MAX_LINE_LENGTH));
    this.maxBufferedBytes = Math.max(1, Math.floor(options.maxBufferedBytes ?? DEFAULT_MAX_BUFFERED_BYTES));
    this.stripControl = options.stripControl ?? true;
  }

  /** UTF-16 code units held for the line being assembled (never above `maxLineLength`). */
  get pendingLength(): number {
    return this.length;
  }

  /** Raw bytes received since the last line end (counts discarded bytes too). */
  get pendingBytes(): number {
    return this.rawBytes;
  }

  push(chunk: Uint8Array): LineEvent[] {
    const out: LineEvent[] = [];
    let start = 0;
    for (let i = 0; i < chunk.length; i++) {
      const b = chunk[i]!;
      if (b !== CR && b !== LF && b !== NUL) continue;
      if (i > start) this.content(chunk, start, i, out);
      start = i + 1;
      if (b === CR) {
        this.endLine(out);
        this.lastWasCR = true;
      } else if (this.lastWasCR) {
        // The LF or NUL of a CR LF / CR NUL pair: the line already ended.
        this.lastWasCR = false;
      } else if (b === LF) {
        this.endLine(out);
      }
      // A NUL on its own is dropped.
    }
    if (start < chunk.length) this.content(chunk, start, chunk.length, out);
    return out;
  }

  /** Delivers the unterminated line, if any (for a stream that ended without a line end). */
  end(): LineEvent[] {
    const out: LineEvent[] = [];
    if (this.rawBytes > 0 || this.length > 0) this.endLine(out);
    this.lastWasCR = false;
    return out;
  }

  private content(chunk: Uint8Array, from: number, to: number, out: LineEvent[]): void {
    this.lastWasCR = false;
    this.rawBytes += to - from;
    if (this.dropped) return;
    if (this.rawBytes > this.maxBufferedBytes) {
      this.dropped = true;
      this.parts = [];
      this.length = 0;
      this.resetDecoder();
      out.push({ type: 'limit', limit: 'buffer', max: this.maxBufferedBytes });
      return;
    }
    if (this.overlong) return;
    this.append(this.decoder.decode(chunk.subarray(from, to), { stream: true }), out);
  }

  private append(text: string, out: LineEvent[]): void {
    const clean = this.stripControl ? text.replace(CONTROL, '') : text;
    if (clean.length === 0) return;
    this.parts.push(clean);
    this.length += clean.length;
    if (this.length > this.maxLineLength) {
      let cut = this.maxLineLength;
      const joined = this.parts.join('');
      const code = joined.charCodeAt(cut - 1);
      if (code >= 0xd800 && code <= 0xdbff) cut--;
      this.parts = [joined.slice(0, cut)];
      this.length = cut;
      this.overlong = true;
      this.resetDecoder();
      out.push({ type: 'limit', limit: 'overlong', max: this.maxLineLength });
    }
  }

  private endLine(out: LineEvent[]): void {
    if (!this.dropped) {
      if (!this.overlong) this.append(this.decoder.decode(), out);
      const text = this.parts.length === 1 ? this.parts[0]! : this.parts.join('');
      out.push({ type: 'line', text, truncated: this.overlong });
    }
    this.parts = [];
    this.length = 0;
    this.rawBytes = 0;
    this.overlong = false;
    this.dropped = false;
  }

  private resetDecoder(): void {
    this.decoder = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });
  }
}
