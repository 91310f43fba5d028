/**
 * One telnet client: the socket, the protocol state and the typed events the
 * server's session layer consumes. Nothing a peer sends can make it throw;
 * a fault inside closes this connection only.
 */
import type { Duplex } from 'node:stream';
import type { Disposable } from '../../core/disposable';
import { RateBucket } from '../../core/rate-bucket';
import { colorLevelOf, type ColorLevel } from './ansi';
import { charsetRequest } from './charset';
import { EOR, GA, IAC, Opt, negotiation } from './constants';
import type { TelnetConnectionEvents, TelnetConnectionOptions } from './connection-types';
import { TypedEmitter } from './events';
import { encodeGmcp, type GmcpSupports } from './gmcp';
import { Inbound } from './inbound';
import { encodeMssp, type MsspVariables } from './mssp';
import type { TerminalInfo } from './mtts';
import type { WindowSize } from './naws';
import { OptionNegotiator, type Side } from './options';
import { TelnetOutput } from './output';
import { DEFAULT_OFFERS, DEFAULT_OPTION_POLICY, OFFER_ORDER, policyForOffers } from './policy';
import { encodeTelnetText } from './text';

export type { TelnetConnectionEvents, TelnetConnectionOptions } from './connection-types';

/**
 * Input bytes one connection has handled in a turn of the event loop. Small,
 * because every flooding connection takes its slice in the same turn before
 * a bystander's line is read: 40 floods × 4 KiB held a bystander's p99 at
 * 2.5× its quiet value, 1 KiB slices keep the turn short.
 */
const INPUT_SLICE = 1024;

export class TelnetConnection {
  readonly negotiator: OptionNegotiator;
  private readonly events: TypedEmitter<TelnetConnectionEvents>;
  private readonly inbound: Inbound;
  private readonly output: TelnetOutput;
  private readonly gated: Set<string>;
  private readonly report: (err: unknown) => void;
  private colorOverride: ColorLevel | null = null;
  private closeReason: string | null = null;
  private closeTimer: ReturnType<typeof setTimeout> | null = null;
  /** Input budget: past it the socket is paused until the budget recovers. */
  private readonly inputBudget: RateBucket | undefined;
  private resumeTimer: ReturnType<typeof setTimeout> | null = null;
  /** Input read but not handled yet: a large chunk is handled a slice per turn of the event loop. */
  private readonly pending: Buffer[] = [];
  /** Bytes of pending[0] already handled. */
  private pendingOffset = 0;
  private pumping = false;
  private reading = true;
  /** Run after each chunk of input is handled (for `whenNegotiated`). */
  private readonly inputWatchers = new Set<() => void>();

  constructor(
    private readonly socket: Duplex,
    private readonly options: TelnetConnectionOptions = {},
  ) {
    const report = options.onError ?? ((err: unknown) => console.error('[telnet]', err));
    this.report = report;
    this.events = new TypedEmitter((err) => report(err));
    const maxOutput = options.maxOutputBuffer ?? 1024 * 1024;
    this.output = new TelnetOutput(socket, {
      maxBuffered: maxOutput,
      compressionLevel: options.compressionLevel,
      onOverflow: () => {
        this.events.emit('limit', { limit: 'output', max: maxOutput });
        this.terminate('output-overflow');
      },
      onError: (err) => {
        report(err);
        this.terminate('compression-error');
      },
    });
    const offers = { ...DEFAULT_OFFERS, ...options.offers };
    this.negotiator = new OptionNegotiator(policyForOffers(options.policy ?? DEFAULT_OPTION_POLICY, offers), {
      send: (verb, option) => this.output.write(negotiation(verb, option)),
      onChange: (side, option, enabled) => this.optionChanged(side, option, enabled),
      onProtocolError: (_side, option, message) => this.events.emit('protocolError', { message: `option ${option}: ${message}` }),
    });
    this.inbound = new Inbound(
      {
        events: this.events,
        negotiator: this.negotiator,
        isOpen: () => this.isOpen,
        write: (bytes) => this.output.write(bytes),
        sendText: (text) => this.send(text),
        close: (reason) => this.close(reason),
        readMssp: () => this.readMssp(),
      },
      options,
    );
    this.gated = new Set((options.gmcpGatedPackages ?? ['Char', 'Room']).map((p) => p.toLowerCase()));

    const bytesPerSecond = options.maxInputBytesPerSecond;
    if (bytesPerSecond !== undefined) this.inputBudget = new RateBucket(bytesPerSecond, bytesPerSecond);

    (socket as Duplex & { setNoDelay?: (on: boolean) => void }).setNoDelay?.(true);
    socket.on('data', (chunk: Buffer | string) => this.receive(typeof chunk === 'string' ? Buffer.from(chunk, 'latin1') : chunk));
    socket.on('end', () => this.close('peer'));
    socket.on('error', (err: NodeJS.ErrnoException) => this.terminate(`socket-error: ${err.code ?? err.message}`));
    socket.on('close', () => this.terminate('peer'));

    for (const [name, side, option] of OFFER_ORDER) if (offers[name]) this.negotiator.request(side, option, true);
  }

  on<K extends keyof TelnetConnectionEvents>(event: K, listener: (value: TelnetConnectionEvents[K]) => void): Disposable {
    return this.events.on(event, listener);
  }

  get isOpen(): boolean {
    return this.closeReason === null;
  }

  get remoteAddress(): string | undefined {
    return (this.socket as Duplex & { remoteAddress?: string }).remoteAddress;
  }

  /** Last NAWS report, or the defaults. */
  get windowSize(): WindowSize {
    return this.inbound.windowSize;
  }

  /** What TTYPE/MTTS told us so far. */
  get terminal(): TerminalInfo {
    return this.inbound.terminal;
  }

  get gmcpSupports(): GmcpSupports {
    return this.inbound.gmcpSupports;
  }

  /** True once UTF-8 was agreed through CHARSET (output is UTF-8 regardless). */
  get charsetUtf8(): boolean {
    return this.inbound.charsetUtf8;
  }

  get linesIn(): number {
    return this.inbound.linesIn;
  }

  get bytesIn(): number {
    return this.inbound.bytesIn;
  }

  get bytesOut(): number {
    return this.output.bytesOut;
  }

  /** Date.now() of the last bytes received (any bytes, negotiation included). */
  get lastInputAt(): number {
    return this.inbound.lastInputAt;
  }

  get compressing(): boolean {
    return this.output.compressing;
  }

  /** The colour level used by `send`: an override if set, else from the terminal's capabilities. */
  get colorLevel(): ColorLevel {
    if (this.colorOverride) return this.colorOverride;
    const caps = this.inbound.terminal.capabilities;
    return caps.ansi || caps.color256 || caps.truecolor ? colorLevelOf(caps) : (this.options.defaultColorLevel ?? 'none');
  }

  /** A player's own choice; null returns to the detected level. */
  set colorLevel(level: ColorLevel | null) {
    this.colorOverride = level;
  }

  /** Whether the option side is agreed (e.g. `enabled('us', Opt.GMCP)`). */
  enabled(side: Side, option: number): boolean {
    return this.negotiator.enabled(side, option);
  }

  /**
   * Resolves once the client has answered what decides how to talk to it —
   * the TTYPE cycle done or refused, NAWS and CHARSET answered — or after
   * `timeoutMs` (a raw TCP client never answers). Wait for it before the
   * welcome banner so that it gets the right colours.
   */
  whenNegotiated(timeoutMs = 500): Promise<void> {
    const settled = (): boolean =>
      !this.isOpen ||
      ((this.inbound.ttype.done || this.negotiator.state('him', Opt.TTYPE) !== 'YES') &&
        this.negotiator.state('him', Opt.TTYPE) !== 'WANTYES' &&
        this.negotiator.state('him', Opt.NAWS) !== 'WANTYES' &&
        this.negotiator.state('us', Opt.CHARSET) !== 'WANTYES');
    if (settled()) return Promise.resolve();
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.inputWatchers.delete(check);
        closed.dispose();
        resolve();
      };
      const check = (): void => {
        if (settled()) done();
      };
      const timer = setTimeout(done, timeoutMs);
      const closed = this.events.on('close', check);
      this.inputWatchers.add(check);
    });
  }

  /** Sends text: markup rendered (or removed), ANSI stripped at level 'none', `\n` -> CR LF, UTF-8, IAC doubled. */
  send(text: string): boolean {
    if (!this.isOpen) return false;
    this.output.write(encodeTelnetText(text, this.colorLevel));
    return true;
  }

  /** Sends a prompt: the text, then IAC EOR if EOR is agreed, else IAC GA unless SGA is agreed. */
  prompt(text: string): boolean {
    if (!this.isOpen) return false;
    const body = encodeTelnetText(text, this.colorLevel);
    let mark: number | null = null;
    if (this.negotiator.enabled('us', Opt.EOR)) mark = EOR;
    else if (!this.negotiator.enabled('us', Opt.SGA)) mark = GA;
    this.output.write(mark === null ? body : Buffer.concat([body, Uint8Array.of(IAC, mark)]));
    return true;
  }

  /** `true` hides what the player types (WILL ECHO), `false` shows it again (WONT ECHO). */
  setEcho(off: boolean): void {
    if (this.isOpen) this.negotiator.request('us', Opt.ECHO, off);
  }

  /** Sends a GMCP message if the client agreed to GMCP (and, for gated packages, listed it). */
  sendGmcp(pkg: string, data?: unknown): boolean {
    if (!this.isOpen || !this.negotiator.enabled('us', Opt.GMCP)) return false;
    const top = pkg.split('.', 1)[0]!.toLowerCase();
    if (this.gated.has(top) && !this.inbound.gmcpSupports.supports(pkg)) return false;
    const bytes = encodeGmcp(pkg, data);
    if (!bytes) return false;
    this.output.write(bytes);
    return true;
  }

  /** Sends MSSP variables if the client agreed to MSSP. */
  sendMssp(vars: MsspVariables): boolean {
    if (!this.isOpen || !this.negotiator.enabled('us', Opt.MSSP)) return false;
    this.output.write(encodeMssp(vars));
    return true;
  }

  /** Flushes pending output (finishing compression), then closes. Safe to call twice. */
  close(reason = 'server'): void {
    if (!this.markClosed(reason)) return;
    this.closeTimer = setTimeout(() => this.socket.destroy(), this.options.closeTimeoutMs ?? 2000);
    this.closeTimer.unref?.();
    void this.output.end().catch(() => this.socket.destroy());
  }

  /** Drops the connection at once, without flushing. */
  private terminate(reason: string): void {
    this.markClosed(reason);
    if (this.resumeTimer) clearTimeout(this.resumeTimer);
    this.resumeTimer = null;
    if (this.closeTimer) clearTimeout(this.closeTimer);
    this.closeTimer = null;
    if (!this.socket.destroyed) this.socket.destroy();
  }

  private markClosed(reason: string): boolean {
    if (this.closeReason !== null) return false;
    this.closeReason = reason;
    this.events.emit('close', { reason });
    return true;
  }

  private receive(chunk: Buffer): void {
    if (!this.isOpen) return;
    this.throttleInput(chunk.length);
    this.pending.push(chunk);
    if (!this.pumping) this.pump();
  }

  /**
   * Handles at most INPUT_SLICE bytes, then lets the event loop run (other
   * players' commands) before the next slice; the socket is not read
   * meanwhile. A 64 KiB chunk of junk costs sixty-four short turns, not one long one.
   */
  private readonly pump = (): void => {
    this.pumping = true;
    let budget = INPUT_SLICE;
    // What the slice makes us send (a negotiation's answer, a notice) goes out in one write, not one each.
    this.socket.cork();
    try {
      while (this.pending.length > 0 && budget > 0 && this.isOpen) {
        const head = this.pending[0]!;
        const from = this.pendingOffset;
        const to = Math.min(head.length, from + budget);
        if (to === head.length) {
          this.pending.shift();
          this.pendingOffset = 0;
        } else {
          this.pendingOffset = to;
        }
        budget -= to - from;
        this.inbound.receive(from === 0 && to === head.length ? head : head.subarray(from, to));
      }
      if (this.inputWatchers.size > 0) for (const watcher of [...this.inputWatchers]) watcher();
    } catch (err) {
      // A fault in this module, not in the peer's bytes: lose the connection, not the process.
      this.report(err);
      this.terminate('internal-error');
    } finally {
      this.socket.uncork();
    }
    if (this.pending.length > 0 && this.isOpen) {
      this.updateReading();
      setImmediate(this.pump);
      return;
    }
    this.pending.length = 0;
    this.pendingOffset = 0;
    this.pumping = false;
    this.updateReading();
  };

  /** Reads the socket only while no slice waits and the input budget allows it. */
  private updateReading(): void {
    const read = this.isOpen && this.resumeTimer === null && this.pending.length === 0;
    if (read === this.reading) return;
    this.reading = read;
    if (read) this.socket.resume();
    else this.socket.pause();
  }

  /**
   * Past the input budget, stop reading the socket until it recovers: the
   * kernel's buffer fills and TCP slows the sender down (backpressure);
   * nothing piles up here.
   */
  private throttleInput(bytes: number): void {
    if (!this.inputBudget) return;
    const waitMs = this.inputBudget.take(bytes);
    if (waitMs <= 0 || this.resumeTimer) return;
    this.resumeTimer = setTimeout(() => {
      this.resumeTimer = null;
      this.updateReading();
    }, waitMs);
    this.resumeTimer.unref?.();
    this.updateReading();
  }

  private optionChanged(side: Side, option: number, enabled: boolean): void {
    if (side === 'us') {
      if (option === Opt.MCCP2) {
        if (enabled) this.output.startCompression();
        else void this.output.stopCompression();
      } else if (option === Opt.MSSP && enabled) {
        const vars = this.readMssp();
        if (vars) this.output.write(encodeMssp(vars));
      } else if (option === Opt.CHARSET && enabled) {
        this.output.write(charsetRequest(['UTF-8']));
      }
    } else if (option === Opt.TTYPE && enabled) {
      const first = this.inbound.ttype.start();
      if (first) this.output.write(first);
    }
    this.events.emit('option', { side, option, enabled });
  }

  private readMssp(): MsspVariables | null {
    try {
      return this.options.mssp?.() ?? null;
    } catch (err) {
      this.report(err);
      return null;
    }
  }
}
