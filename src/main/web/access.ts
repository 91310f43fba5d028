import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { AUTH_SCHEME, TOKEN_PARAM } from '../../shared/web-protocol';

/** A fresh random token for one launch of the studio (256 bits, URL-safe). */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Who may talk to the web host: requests naming it by a loopback Host, from its own origin, with the token. */
export class AccessPolicy {
  constructor(
    private readonly token: string,
    private readonly port: () => number,
  ) {}

  private get hosts(): string[] {
    const port = this.port();
    return [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`];
  }

  get origins(): string[] {
    return this.hosts.map((h) => `http://${h}`);
  }

  /** The Host header names this server on loopback (a DNS-rebinding page names another host). */
  hostAllowed(req: IncomingMessage): boolean {
    return typeof req.headers.host === 'string' && this.hosts.includes(req.headers.host.toLowerCase());
  }

  /** No Origin (a navigation, a script outside a browser) or exactly ours. */
  originAllowed(req: IncomingMessage, required: boolean): boolean {
    const origin = req.headers.origin;
    if (origin === undefined) return !required;
    return this.origins.includes(origin.toLowerCase());
  }

  /** A browser marks cross-site requests; ours are same-origin (fetch) or none (typed into the address bar). */
  fetchSiteAllowed(req: IncomingMessage): boolean {
    const site = req.headers['sec-fetch-site'];
    return site === undefined || site === 'same-origin' || site === 'none';
  }

  tokenInQuery(url: URL): boolean {
    const given = url.searchParams.get(TOKEN_PARAM);
    return given !== null && sameSecret(given, this.token);
  }

  tokenInHeader(req: IncomingMessage): boolean {
    const header = req.headers.authorization;
    if (typeof header !== 'string' || !header.startsWith(`${AUTH_SCHEME} `)) return false;
    return sameSecret(header.slice(AUTH_SCHEME.length + 1).trim(), this.token);
  }
}
