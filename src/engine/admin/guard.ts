import type { IncomingMessage } from 'node:http';
import { tokensMatch } from './credentials';
import { isLocalHostHeader } from './loopback';
import type { AdminErrorCode } from './protocol';

export interface Refusal {
  status: number;
  code: AdminErrorCode;
  message: string;
}

/**
 * Decides whether a request may reach the API. Browsers are refused outright:
 * they send `Origin` on cross-origin requests (and on every POST), and
 * `Sec-Fetch-Site` when the request comes from another site; DNS rebinding
 * shows in the Host header. What is left must carry the token.
 */
export function refusalOf(req: IncomingMessage, token: string, port: number): Refusal | undefined {
  const origin = req.headers.origin;
  if (origin !== undefined) {
    return { status: 403, code: 'forbidden', message: `The admin API does not answer browsers: request from origin ${JSON.stringify(origin.slice(0, 100))} refused` };
  }
  const site = req.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'none' && site !== 'same-origin') {
    return { status: 403, code: 'forbidden', message: `The admin API does not answer browsers: ${site} request refused` };
  }
  if (!isLocalHostHeader(req.headers.host, port)) {
    return { status: 403, code: 'forbidden', message: `The admin API answers only on 127.0.0.1:${port}: Host ${JSON.stringify(String(req.headers.host ?? '').slice(0, 100))} refused` };
  }
  const auth = req.headers.authorization;
  if (auth === undefined) {
    return { status: 401, code: 'unauthorized', message: 'No token: send Authorization: Bearer <token>, with the token from admin.json in the server\'s data directory' };
  }
  const m = /^Bearer (\S+)$/.exec(auth);
  if (!m || !tokensMatch(m[1] as string, token)) {
    return { status: 401, code: 'unauthorized', message: 'Wrong token: it is not the one in admin.json of this server\'s data directory' };
  }
  return undefined;
}
