/**
 * The byte path from a connection to its socket: plain, or through MCCP2
 * compression once it starts, with a cap on bytes waiting in the socket.
 */
import type { Writable } from 'node:stream';
import { Mccp2Compressor, mccp2Start } from './mccp2';

export interface TelnetOutputHooks {
  /** Bytes queued in the socket (not yet sent) above which `onOverflow` runs. */
  maxBuffered: number;
  /** The peer is not reading fast enough. */
  onOverflow(): void;
  /** The compressor failed. */
  onError(err: unknown): void;
  compressionLevel?: number;
}

export class TelnetOutput {
  /** Bytes handed to the socket (after compression). */
  bytesOut = 0;
  private compressor: Mccp2Compressor | null = null;
  /** Output waiting while a compressor finishes its stream. */
  private held: Buffer[] | null = null;
  private stopping: Promise<void> | null = null;
  private overflowed = false;

  constructor(
    private readonly stream: Writable,
    private readonly hooks: TelnetOutputHooks,
  ) {}

  get writable(): boolean {
    return !this.stream.destroyed && !this.stream.writableEnded;
  }

  get compressing(): boolean {
    return this.compressor !== null && this.held === null;
  }

  /** Writes telnet bytes (already escaped and framed). */
  write(bytes: Buffer): void {
    if (bytes.length === 0) return;
    if (this.held) this.held.push(bytes);
    else if (this.compressor) this.compressor.write(bytes);
    else this.raw(bytes);
  }

  /** Sends the MCCP2 start marker; everything written afterwards is compressed. */
  startCompression(): boolean {
    if (this.compressor || this.held || !this.writable) return false;
    this.raw(mccp2Start());
    this.compressor = new Mccp2Compressor((b) => this.raw(b), {
      level: this.hooks.compressionLevel ?? 6,
      onError: (err) => this.hooks.onError(err),
    });
    return true;
  }

  /** Ends the compressed stream; later output is plain again. */
  stopCompression(): Promise<void> {
    if (this.stopping) return this.stopping;
    const compressor = this.compressor;
    if (!compressor) return Promise.resolve();
    this.held = [];
    this.stopping = compressor.end().then(() => {
      const held = this.held ?? [];
      this.compressor = null;
      this.held = null;
      this.stopping = null;
      for (const b of held) this.raw(b);
    });
    return this.stopping;
  }

  /** Finishes compression (if on), then ends the socket's writable side. */
  async end(): Promise<void> {
    await this.stopCompression();
    if (this.writable) this.stream.end();
  }

  private raw(bytes: Buffer): void {
    if (!this.writable) return;
    this.stream.write(bytes);
    this.bytesOut += bytes.length;
    if (!this.overflowed && this.stream.writableLength > this.hooks.maxBuffered) {
      this.overflowed = true;
      this.hooks.onOverflow();
    }
  }
}
