import { MaidError } from '../core/errors';

/**
 * What went wrong talking to (or starting) the admin API, by kind, so the
 * CLI can pick an exit code and the studio a message:
 * - `no-server`: no server to talk to (not running, no credentials file, unreachable);
 * - `unauthorized`: the server refused the token;
 * - `not-found`: the server has no such pack or module;
 * - `bad-request`: the request itself is wrong (or the bind address is not loopback);
 * - `failed`: anything else (the server failed, address in use, a malformed answer).
 */
export type AdminErrorKind = 'no-server' | 'unauthorized' | 'not-found' | 'bad-request' | 'failed';

export class AdminError extends MaidError {
  constructor(
    readonly kind: AdminErrorKind,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
