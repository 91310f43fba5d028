/**
 * Terminal type (RFC 1091) with the MUD Terminal Type Standard cycle.
 *
 * Once the client agrees to TTYPE (WILL TTYPE), the server sends
 * `IAC SB TTYPE SEND IAC SE` and the client answers `IAC SB TTYPE IS <name> IAC SE`.
 * Asking again walks the client's list: an MTTS client answers with its
 * client name, then its terminal type, then `MTTS <bitvector>`; any client
 * repeats its last answer when the list is exhausted. We ask at most three
 * times, and stop early when an answer repeats.
 */
import { Opt, subnegotiation } from './constants';

export const TTYPE_IS = 0;
export const TTYPE_SEND = 1;

/** MTTS bit values. */
export const MttsFlag = {
  ANSI: 1,
  VT100: 2,
  UTF8: 4,
  COLORS_256: 8,
  MOUSE_TRACKING: 16,
  OSC_COLOR_PALETTE: 32,
  SCREEN_READER: 64,
  PROXY: 128,
  TRUECOLOR: 256,
  MNES: 512,
  MSLP: 1024,
  SSL: 2048,
} as const;

export interface TerminalCapabilities {
  ansi: boolean;
  vt100: boolean;
  utf8: boolean;
  color256: boolean;
  truecolor: boolean;
  mouseTracking: boolean;
  oscColorPalette: boolean;
  screenReader: boolean;
  proxy: boolean;
  mnes: boolean;
  mslp: boolean;
  ssl: boolean;
}

export interface TerminalInfo {
  /** First answer's first word, upper-cased ("MUDLET", "TINTIN++"). */
  clientName?: string;
  /** The rest of the first answer, if any ("4.17.2"). */
  clientVersion?: string;
  /** Second answer ("ANSI", "XTERM-256COLOR"). */
  terminalType?: string;
  /** The MTTS bit vector, when the client sent one. */
  mtts?: number;
  /** Every answer received, in order. */
  replies: string[];
  capabilities: TerminalCapabilities;
}

export function noCapabilities(): TerminalCapabilities {
  return {
    ansi: false, vt100: false, utf8: false, color256: false, truecolor: false, mouseTracking: false,
    oscColorPalette: false, screenReader: false, proxy: false, mnes: false, mslp: false, ssl: false,
  };
}

/** Capabilities stated by an MTTS bit vector. */
export function capabilitiesFromMtts(bits: number): TerminalCapabilities {
  const has = (flag: number): boolean => (bits & flag) !== 0;
  return {
    ansi: has(MttsFlag.ANSI),
    vt100: has(MttsFlag.VT100),
    utf8: has(MttsFlag.UTF8),
    color256: has(MttsFlag.COLORS_256),
    truecolor: has(MttsFlag.TRUECOLOR),
    mouseTracking: has(MttsFlag.MOUSE_TRACKING),
    oscColorPalette: has(MttsFlag.OSC_COLOR_PALETTE),
    screenReader: has(MttsFlag.SCREEN_READER),
    proxy: has(MttsFlag.PROXY),
    mnes: has(MttsFlag.MNES),
    mslp: has(MttsFlag.MSLP),
    ssl: has(MttsFlag.SSL),
  };
}

/** What a terminal type name implies, for clients that send no MTTS vector. */
export function capabilitiesFromTerminalType(type: string): Partial<TerminalCapabilities> {
  const t = type.toUpperCase();
  const caps: Partial<TerminalCapabilities> = {};
  if (/ANSI|XTERM|VT1\d\d|LINUX|SCREEN|TMUX|RXVT|KONSOLE|PUTTY|COLOR/.test(t)) caps.ansi = true;
  if (/VT1\d\d|XTERM/.test(t)) caps.vt100 = true;
  if (/256COLOR|256-COLOR/.test(t)) caps.color256 = true;
  if (/TRUECOLOR|24BIT|DIRECT/.test(t)) {
    caps.truecolor = true;
    caps.color256 = true;
    caps.ansi = true;
  }
  if (/UTF-?8/.test(t)) caps.utf8 = true;
  return caps;
}

/** `IAC SB TTYPE SEND IAC SE`. */
export function ttypeSend(): Buffer {
  return subnegotiation(Opt.TTYPE, Uint8Array.of(TTYPE_SEND));
}

const MAX_REPLY = 64;
const MTTS_REPLY = /^MTTS\s+(\d{1,10})$/;

/** Reads the name from a `TTYPE IS <name>` payload; null for anything else. */
export function parseTtypeIs(payload: Uint8Array): string | null {
  if (payload.length < 1 || payload[0] !== TTYPE_IS) return null;
  // Names are ASCII (RFC 1091); anything else is kept harmlessly as Latin-1.
  let name = Buffer.from(payload.subarray(1, 1 + MAX_REPLY)).toString('latin1');
  // eslint-disable-next-line no-control-regex
  name = name.replace(/[\u0000-\u001f\u007f-\u00ff]/g, '').trim().toUpperCase();
  return name;
}

export interface TtypeStep {
  /** Bytes to send next (another SEND), if the cycle continues. */
  send?: Buffer;
  /** True once the cycle is over; `info` is then final. */
  done: boolean;
  info: TerminalInfo;
}

/** One client's TTYPE cycle. */
export class TtypeCycle {
  readonly maxRequests: number;
  private sent = 0;
  private awaiting = false;
  private finished = false;
  private readonly info: TerminalInfo = { replies: [], capabilities: noCapabilities() };

  constructor(maxRequests = 3) {
    this.maxRequests = Math.max(1, maxRequests);
  }

  get done(): boolean {
    return this.finished;
  }

  /** The bytes of the first SEND (null when already started). */
  start(): Buffer | null {
    if (this.sent > 0 || this.finished) return null;
    this.sent = 1;
    this.awaiting = true;
    return ttypeSend();
  }

  /**
   * Handles a TTYPE subnegotiation payload. Returns null for a payload that is
   * not an answer we asked for (unsolicited, or not `IS`).
   */
  receive(payload: Uint8Array): TtypeStep | null {
    if (!this.awaiting || this.finished) return null;
    const name = parseTtypeIs(payload);
    if (name === null) return null;
    this.awaiting = false;
    const previous = this.info.replies[this.info.replies.length - 1];
    const repeated = previous !== undefined && previous === name;
    if (!repeated) {
      this.info.replies.push(name);
      this.absorb(name, this.info.replies.length);
    }
    if (repeated || this.sent >= this.maxRequests || this.info.mtts !== undefined) {
      this.finished = true;
      // A client that only ever names one type names its terminal.
      if (this.info.terminalType === undefined && this.info.replies.length === 1 && this.info.mtts === undefined) {
        this.info.terminalType = this.info.replies[0];
      }
      return { done: true, info: this.snapshot() };
    }
    this.sent++;
    this.awaiting = true;
    return { send: ttypeSend(), done: false, info: this.snapshot() };
  }

  snapshot(): TerminalInfo {
    const { replies, capabilities, ...rest } = this.info;
    return { ...rest, replies: [...replies], capabilities: { ...capabilities } };
  }

  private absorb(name: string, index: number): void {
    const mtts = MTTS_REPLY.exec(name);
    if (mtts) {
      const bits = Number(mtts[1]);
      if (Number.isSafeInteger(bits) && bits >= 0 && bits <= 0xffffffff) {
        this.info.mtts = bits;
        // The vector is what the player configured: it overrides guesses from names.
        this.info.capabilities = capabilitiesFromMtts(bits);
      }
      return;
    }
    if (index === 1) {
      const space = name.indexOf(' ');
      this.info.clientName = space < 0 ? name : name.slice(0, space);
      const version = space < 0 ? '' : name.slice(space + 1).trim();
      if (version) this.info.clientVersion = version;
    } else if (this.info.terminalType === undefined) {
      this.info.terminalType = name;
    }
    Object.assign(this.info.capabilities, capabilitiesFromTerminalType(name));
  }
}
