/**
 * The client-to-server half of a telnet connection: bytes in, protocol state
 * updated, typed events out. Owns the parser, the line assembler and what the
 * client has told us (window size, terminal type, GMCP supports, charset).
 */
import { answerCharset, isUtf8Name, parseCharset } from './charset';
import { RateBucket } from '../../core/rate-bucket';
import { AYT, Opt } from './constants';
import type { TelnetConnectionEvents, TelnetConnectionOptions } from './connection-types';
import type { TypedEmitter } from './events';
import { decodeGmcp, GmcpSupports } from './gmcp';
import { LineAssembler, type LineEvent } from './lines';
import { encodeMsspText, isMsspRequest, type MsspVariables } from './mssp';
import { TtypeCycle, type TerminalInfo } from './mtts';
import { DEFAULT_NAWS_BOUNDS, decodeNaws, type WindowSize } from './naws';
import type { OptionNegotiator } from './options';
import type { Verb } from './constants';
import { TelnetParser, type TelnetSink } from './parser';

export interface InboundHost {
  readonly events: TypedEmitter<TelnetConnectionEvents>;
  readonly negotiator: OptionNegotiator;
  isOpen(): boolean;
  write(bytes: Buffer): void;
  sendText(text: string): void;
  close(reason: string): void;
  readMssp(): MsspVariables | null;
}

export class Inbound {
  readonly gmcpSupports = new GmcpSupports();
  readonly ttype = new TtypeCycle();
  windowSize: WindowSize;
  terminal: TerminalInfo;
  charsetUtf8 = false;
  linesIn = 0;
  bytesIn = 0;
  lastInputAt = Date.now();
  private readonly parser: TelnetParser;
  private readonly lines: LineAssembler;
  private lastAyt = 0;
  private readonly negotiations: RateBucket | undefined;
  private negotiationsDropped = false;

  constructor(
    private readonly host: InboundHost,
    private readonly options: TelnetConnectionOptions,
  ) {
    this.parser = new TelnetParser({ maxSubnegotiation: options.maxSubnegotiation });
    this.lines = new LineAssembler({ maxLineLength: options.maxLineLength, maxBufferedBytes: options.maxBufferedBytes });
    const bounds = { ...DEFAULT_NAWS_BOUNDS, ...options.naws };
    this.windowSize = { width: bounds.defaultWidth, height: bounds.defaultHeight, rawWidth: 0, rawHeight: 0 };
    this.terminal = this.ttype.snapshot();
    const perSecond = options.maxNegotiationsPerSecond;
    // Its clock is the time the chunk being handled arrived: one clock read per chunk, not one per request.
    if (perSecond !== undefined) this.negotiations = new RateBucket(perSecond, perSecond, () => this.lastInputAt);
  }

  receive(chunk: Buffer): void {
    this.bytesIn += chunk.length;
    this.lastInputAt = Date.now();
    this.parser.feedTo(chunk, this.sink);
  }

  /** The parser's events, handled as they are parsed; nothing once the connection is closed. */
  private readonly sink: TelnetSink = {
    data: (data) => {
      if (!this.host.isOpen()) return;
      for (const e of this.lines.push(data)) this.line(e);
    },
    negotiation: (verb, option) => {
      if (this.host.isOpen()) this.negotiation(verb, option);
    },
    subnegotiation: (option, payload) => {
      if (this.host.isOpen()) this.subnegotiation(option, payload);
    },
    command: (command) => {
      if (!this.host.isOpen()) return;
      // Are You There: answer with something visible, at most once a second.
      if (command === AYT && Date.now() - this.lastAyt >= 1000) {
        this.lastAyt = Date.now();
        this.host.sendText('\n[Yes]\n');
      }
      this.host.events.emit('command', { command });
    },
    error: (error, option, limit) => {
      if (!this.host.isOpen()) return;
      if (error === 'subnegotiation-overflow') this.host.events.emit('limit', { limit: 'subnegotiation', max: limit, option });
      else this.host.events.emit('protocolError', { message: `subnegotiation of option ${option} interrupted by a command` });
    },
  };

  private negotiation(verb: Verb, option: number): void {
    // A flood of IAC DO x would have us answer each: past the rate they are ignored (reported once per burst).
    if (this.negotiations && !this.negotiations.tryTake()) {
      if (!this.negotiationsDropped) this.host.events.emit('limit', { limit: 'negotiation-rate', max: this.negotiations.rate });
      this.negotiationsDropped = true;
      return;
    }
    this.negotiationsDropped = false;
    this.host.negotiator.receive(verb, option);
  }

  private line(event: LineEvent): void {
    if (!this.host.isOpen()) return;
    if (event.type === 'limit') return this.host.events.emit('limit', { limit: event.limit, max: event.max });
    this.linesIn++;
    if (this.linesIn === 1 && this.options.mssp && isMsspRequest(event.text)) {
      const vars = this.host.readMssp();
      if (vars) this.host.write(Buffer.from(encodeMsspText(vars), 'utf8'));
      return this.host.close('mssp-request');
    }
    this.host.events.emit('line', { text: event.text, truncated: event.truncated });
  }

  private subnegotiation(option: number, payload: Buffer): void {
    const { events } = this.host;
    switch (option) {
      case Opt.NAWS: {
        const size = decodeNaws(payload, this.options.naws);
        if (!size) return events.emit('protocolError', { message: `NAWS payload of ${payload.length} bytes` });
        this.windowSize = size;
        return events.emit('naws', size);
      }
      case Opt.TTYPE: {
        const step = this.ttype.receive(payload);
        if (!step) return;
        if (step.send) this.host.write(step.send);
        this.terminal = step.info;
        return events.emit('ttype', { info: step.info, done: step.done });
      }
      case Opt.GMCP: {
        if (this.host.negotiator.state('us', Opt.GMCP) === 'NO') return;
        const message = decodeGmcp(payload);
        if (!message) return events.emit('protocolError', { message: 'malformed GMCP message' });
        this.gmcpSupports.handle(message);
        return events.emit('gmcp', message);
      }
      case Opt.CHARSET: {
        const message = parseCharset(payload);
        if (!message) return events.emit('protocolError', { message: 'malformed CHARSET message' });
        const { reply, outcome } = answerCharset(message, payload);
        if (reply) this.host.write(reply);
        if (outcome === undefined) return;
        if (outcome !== null) this.charsetUtf8 = isUtf8Name(outcome);
        return events.emit('charset', { charset: outcome });
      }
      default:
        return;
    }
  }
}
