/**
 * A WebSocket speaking `gmcp.mudstandards.org` as a session's Transport:
 * binary frames carry the game's text both ways (UTF-8, ANSI colour, lines
 * ended by CR LF or LF); text frames carry GMCP, `Package.Name <json>`.
 * Input goes through the same LineAssembler as telnet's, with the same
 * limits; `Core.Echo {"echo": false}` asks the client to hide what the
 * player types (passwords).
 */
import { RateBucket } from '../../core/rate-bucket';
import type { WebSocket } from 'ws';
import { renderText } from '../telnet/text';
import { decodeGmcp, GmcpSupports, isGmcpPackageName } from '../telnet/gmcp';
import { LineAssembler } from '../telnet/lines';
import type { ColorLevel } from '../telnet/ansi';
import type { ServerLimits } from '../options';
import type { Transport, TransportCaps, TransportHandlers } from '../session/transport';
import { GATED_GMCP_PACKAGES, isCoreGmcp, topLevelPackage } from './gmcp-packages';

export const GMCP_SUBPROTOCOL = 'gmcp.mudstandards.org';

/** Web terminals (xterm.js) show 24-bit colour. */
const COLOR_LEVEL: ColorLevel = 'truecolor';
/** After close(), how long to wait for the peer's closing handshake. */
const CLOSE_TIMEOUT_MS = 2000;

export class WebSocketTransport implements Transport {
  readonly protocol = 'websocket';
  readonly gmcpSupports = new GmcpSupports();
  /** Last size reported with `Core.Window`. */
  windowSize: { width: number; height: number } | undefined;
  private readonly lines: LineAssembler;
  private handlers: TransportHandlers | undefined;
  private open = true;
  private reportedClose = false;

  /** Input budget: past it the socket is not read until it recovers (backpressure, as over telnet). */
  private readonly inputBudget: RateBucket;
  private resumeTimer: ReturnType<typeof setTimeout> | null = null;
  /** Bytes received in messages so far. */
  bytesIn = 0;

  private throttleInput(bytes: number): void {
    const waitMs = this.inputBudget.take(bytes);
    if (waitMs <= 0 || this.resumeTimer) return;
    this.ws.pause();
    this.resumeTimer = setTimeout(() => {
      this.resumeTimer = null;
      if (this.ws.readyState === this.ws.OPEN) this.ws.resume();
    }, waitMs);
    this.resumeTimer.unref?.();
  }

  constructor(
    private readonly ws: WebSocket,
    readonly address: string,
    private readonly limits: ServerLimits,
  ) {
    this.lines = new LineAssembler({ maxLineLength: limits.maxLineLength, maxBufferedBytes: limits.maxInputBuffer });
    this.inputBudget = new RateBucket(limits.maxInputBytesPerSecond, limits.maxInputBytesPerSecond);
    ws.on('message', (data, isBinary) => {
      const bytes = toBuffer(data);
      this.throttleInput(bytes.length);
      this.receive(bytes, isBinary);
    });
    ws.on('close', (code) => this.closed(code === 1000 || code === 1001 ? 'peer' : `peer (${code})`));
    ws.on('error', () => {
      // 'close' follows; the error (a bad frame, a reset) is the peer's, not ours.
    });
  }

  get isOpen(): boolean {
    return this.open;
  }

  get clientName(): string | undefined {
    return this.gmcpSupports.hello.client;
  }

  bind(handlers: TransportHandlers): void {
    this.handlers = handlers;
    if (!this.open) this.report('peer');
  }

  /** A web client needs no negotiation: it says what it supports in its first GMCP frames, if at all. */
  ready(): Promise<void> {
    return Promise.resolve();
  }

  write(text: string, prompt?: string): void {
    if (!this.open) return;
    const rendered = renderText(prompt === undefined ? text : text + prompt, COLOR_LEVEL);
    this.ws.send(Buffer.from(rendered, 'utf8'), { binary: true });
    this.checkBacklog();
  }

  acceptsData(pkg: string): boolean {
    if (!this.open || !isGmcpPackageName(pkg)) return false;
    return !GATED_GMCP_PACKAGES.has(topLevelPackage(pkg)) || this.gmcpSupports.supports(pkg);
  }

  sendData(pkg: string, data?: unknown): void {
    if (!this.acceptsData(pkg)) return;
    let frame = pkg;
    if (data !== undefined) {
      let json: string | undefined;
      try {
        json = JSON.stringify(data);
      } catch {
        return;
      }
      if (json === undefined) return;
      frame += ' ' + json;
    }
    this.ws.send(frame, { binary: false });
    this.checkBacklog();
  }

  setEcho(hidden: boolean): void {
    this.sendData('Core.Echo', { echo: !hidden });
  }

  caps(): TransportCaps {
    return { gmcp: this.open, supports: this.gmcpSupports.list().map(([name, version]) => `${name} ${version}`) };
  }

  close(): void {
    if (!this.open) return;
    this.open = false;
    // close() sends what is queued, then the closing frame.
    this.ws.close(1000, 'Goodbye');
    setTimeout(() => this.ws.terminate(), CLOSE_TIMEOUT_MS).unref();
    this.report('server');
  }

  private receive(data: Buffer, isBinary: boolean): void {
    if (!this.open) return;
    this.bytesIn += data.length;
    if (isBinary) {
      for (const event of this.lines.push(data)) {
        if (!this.open) return;
        if (event.type === 'limit') this.handlers?.limit(event.limit === 'overlong' ? 'line' : 'input', event.max);
        else if (!event.truncated) this.handlers?.line(event.text);
      }
      return;
    }
    if (data.length > this.limits.maxSubnegotiation) {
      this.handlers?.limit('subnegotiation', this.limits.maxSubnegotiation);
      return;
    }
    const message = decodeGmcp(data);
    if (!message) return; // not GMCP: ignored, as telnet ignores a malformed subnegotiation
    if (!isCoreGmcp(message.package)) {
      this.handlers?.gmcp(message.package, message.data);
      return;
    }
    if (this.gmcpSupports.handle(message)) {
      this.handlers?.capsChanged?.();
      return;
    }
    const name = message.package.toLowerCase();
    if (name === 'core.window') this.windowSize = windowSizeOf(message.data) ?? this.windowSize;
    else if (name === 'core.ping') this.sendData('Core.Ping');
  }

  /** A client that does not read its output is dropped before it costs the server memory. */
  private checkBacklog(): void {
    if (this.ws.bufferedAmount <= this.limits.maxOutputBuffer) return;
    this.handlers?.limit('output', this.limits.maxOutputBuffer);
    this.open = false;
    this.ws.terminate();
    this.report('output-overflow');
  }

  private closed(reason: string): void {
    this.open = false;
    this.report(reason);
  }

  private report(reason: string): void {
    if (this.reportedClose || !this.handlers) return;
    this.reportedClose = true;
    this.handlers.closed(reason);
  }
}

function toBuffer(data: Buffer | ArrayBuffer | Buffer[]): Buffer {
  if (Buffer.isBuffer(data)) return data;
  if (Array.isArray(data)) return Buffer.concat(data);
  return Buffer.from(data);
}

function windowSizeOf(data: unknown): { width: number; height: number } | undefined {
  if (!data || typeof data !== 'object') return undefined;
  const { width, height } = data as { width?: unknown; height?: unknown };
  if (typeof width !== 'number' || typeof height !== 'number') return undefined;
  if (!(width >= 1 && width <= 1000 && height >= 1 && height <= 1000)) return undefined;
  return { width: Math.floor(width), height: Math.floor(height) };
}
