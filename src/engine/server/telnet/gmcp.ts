/**
 * GMCP (Generic MUD Communication Protocol, option 201): messages are
 * `IAC SB GMCP <Package.Name>[ <JSON>] IAC SE`, UTF-8, with 255 doubled.
 *
 * Decoding never throws: a payload that is not a valid package name followed
 * by valid JSON yields null.
 */
import { Opt, subnegotiation } from './constants';

export interface GmcpMessage {
  /** As sent ("Core.Supports.Set"); compare case-insensitively (`gmcpEquals`). */
  package: string;
  /** The parsed JSON, or undefined when the message had none. */
  data: unknown;
}

const PACKAGE = /^[A-Za-z_][A-Za-z0-9_-]*(\.[A-Za-z0-9_-]+)*$/;
const MAX_PACKAGE_LENGTH = 128;

export function isGmcpPackageName(name: string): boolean {
  return name.length <= MAX_PACKAGE_LENGTH && PACKAGE.test(name);
}

export function gmcpEquals(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

/**
 * `IAC SB GMCP <pkg> <json> IAC SE`. Returns null when the package name is
 * invalid or the data cannot be serialised (a cycle, a BigInt).
 * `data === undefined` sends the package name alone.
 */
export function encodeGmcp(pkg: string, data?: unknown): Buffer | null {
  if (!isGmcpPackageName(pkg)) return null;
  let text = pkg;
  if (data !== undefined) {
    let json: string | undefined;
    try {
      json = JSON.stringify(data);
    } catch {
      return null;
    }
    if (json === undefined) return null;
    text += ' ' + json;
  }
  return subnegotiation(Opt.GMCP, Buffer.from(text, 'utf8'));
}

/** Decodes a GMCP payload (after the option byte, IAC already unescaped). */
export function decodeGmcp(payload: Uint8Array): GmcpMessage | null {
  const text = Buffer.from(payload.buffer, payload.byteOffset, payload.byteLength).toString('utf8');
  const match = /^\s*(\S+)(?:\s+([\s\S]*))?$/.exec(text);
  if (!match) return null;
  const pkg = match[1]!;
  if (!isGmcpPackageName(pkg)) return null;
  const rest = match[2]?.trim() ?? '';
  if (rest === '') return { package: pkg, data: undefined };
  try {
    return { package: pkg, data: JSON.parse(rest) as unknown };
  } catch {
    return null;
  }
}

export interface GmcpClientHello {
  client?: string;
  version?: string;
}

const MAX_SUPPORTED = 256;

/**
 * What the client said about itself over GMCP: `Core.Hello` and the package
 * list of `Core.Supports.Set/Add/Remove` (entries like "Char 1",
 * "Room.Info 1"). Package names are kept lower-cased.
 */
export class GmcpSupports {
  hello: GmcpClientHello = {};
  private readonly packages = new Map<string, number>();

  /** Applies a Core.* message; returns true if it was one this class handles. */
  handle(message: GmcpMessage): boolean {
    const name = message.package.toLowerCase();
    switch (name) {
      case 'core.hello': {
        const d = message.data;
        if (d && typeof d === 'object' && !Array.isArray(d)) {
          const rec = d as Record<string, unknown>;
          this.hello = {};
          if (typeof rec['client'] === 'string') this.hello.client = rec['client'].slice(0, 64);
          if (typeof rec['version'] === 'string') this.hello.version = rec['version'].slice(0, 64);
        }
        return true;
      }
      case 'core.supports.set':
        this.packages.clear();
        this.apply(message.data, true);
        return true;
      case 'core.supports.add':
        this.apply(message.data, true);
        return true;
      case 'core.supports.remove':
        this.apply(message.data, false);
        return true;
      default:
        return false;
    }
  }

  /**
   * True if the client listed the package or one of its ancestors:
   * "Char 1" covers "Char.Vitals".
   */
  supports(pkg: string): boolean {
    const parts = pkg.toLowerCase().split('.');
    for (let n = parts.length; n > 0; n--) {
      if (this.packages.has(parts.slice(0, n).join('.'))) return true;
    }
    return false;
  }

  /** The version the client listed for exactly this package, if any. */
  version(pkg: string): number | undefined {
    return this.packages.get(pkg.toLowerCase());
  }

  /** The listed packages, lower-cased, with their versions. */
  list(): Array<[string, number]> {
    return [...this.packages.entries()];
  }

  private apply(data: unknown, add: boolean): void {
    if (!Array.isArray(data)) return;
    for (const entry of data) {
      if (typeof entry !== 'string') continue;
      const [rawName, rawVersion] = entry.trim().split(/\s+/, 2);
      if (!rawName || !isGmcpPackageName(rawName)) continue;
      const name = rawName.toLowerCase();
      if (!add) {
        this.packages.delete(name);
        continue;
      }
      if (!this.packages.has(name) && this.packages.size >= MAX_SUPPORTED) continue;
      const version = Number(rawVersion ?? '1');
      this.packages.set(name, Number.isFinite(version) && version >= 0 ? version : 1);
    }
  }
}
