/**
 * MCCP2 (option 86): server-to-client compression. After the client answers
 * our WILL MCCP2 with DO MCCP2, the server sends `IAC SB MCCP2 IAC SE`
 * uncompressed; every byte after it is one zlib stream. Each batch of output
 * is written with Z_SYNC_FLUSH so the client can show it at once; writes made
 * in the same tick are batched into one flush. `end()` finishes the stream
 * (Z_FINISH), after which the connection is uncompressed again.
 */
import zlib from 'node:zlib';
import { Opt, subnegotiation } from './constants';

/** `IAC SB MCCP2 IAC SE`: everything after it is compressed. */
export function mccp2Start(): Buffer {
  return subnegotiation(Opt.MCCP2);
}

export interface Mccp2Options {
  /** zlib level, 1..9. Default 6. */
  level?: number;
  /** The zlib stream failed (it then stops; the connection should close). */
  onError?: (err: Error) => void;
}

export class Mccp2Compressor {
  private readonly deflate: zlib.Deflate;
  private pending: Buffer[] = [];
  private scheduled = false;
  private ending = false;
  private ended = false;
  private readonly done: Promise<void>;
  private failed: Error | null = null;

  /** `output` receives compressed bytes, in order, to write to the socket. */
  constructor(output: (bytes: Buffer) => void, options: Mccp2Options = {}) {
    this.deflate = zlib.createDeflate({ level: options.level ?? 6, flush: zlib.constants.Z_SYNC_FLUSH });
    this.deflate.on('data', (bytes: Buffer) => output(bytes));
    this.done = new Promise<void>((resolve) => {
      this.deflate.once('end', () => {
        this.ended = true;
        resolve();
      });
      this.deflate.on('error', (err: Error) => {
        if (this.failed) return;
        this.failed = err;
        this.ended = true;
        resolve();
        options.onError?.(err);
      });
    });
  }

  /** True once `end()` was called or the stream failed. */
  get closed(): boolean {
    return this.ending || this.failed !== null;
  }

  /** The zlib error, if the stream failed (the connection should then close). */
  get error(): Error | null {
    return this.failed;
  }

  /** Queues bytes for compression; they are flushed at the end of this tick. */
  write(bytes: Buffer): void {
    if (this.closed || bytes.length === 0) return;
    this.pending.push(bytes);
    if (!this.scheduled) {
      this.scheduled = true;
      queueMicrotask(() => this.flush());
    }
  }

  /** Finishes the stream; resolves when the last compressed bytes were handed to `output`. */
  end(): Promise<void> {
    if (!this.ending && !this.ended) {
      this.flush();
      this.ending = true;
      this.deflate.end();
    }
    return this.done;
  }

  private flush(): void {
    this.scheduled = false;
    if (this.pending.length === 0 || this.ending || this.failed) return;
    const batch = this.pending.length === 1 ? this.pending[0]! : Buffer.concat(this.pending);
    this.pending = [];
    this.deflate.write(batch);
  }
}
