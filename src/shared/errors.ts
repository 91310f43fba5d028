/** What kind of failure a studio call met; transports map it to their own status (HTTP 400, 403, ...). */
export type StudioErrorCode =
  | 'invalid-argument'
  | 'unauthorized'
  | 'forbidden'
  | 'not-found'
  | 'conflict'
  | 'too-large'
  | 'unavailable'
  | 'internal';

export const STUDIO_ERROR_CODES: readonly StudioErrorCode[] = [
  'invalid-argument',
  'unauthorized',
  'forbidden',
  'not-found',
  'conflict',
  'too-large',
  'unavailable',
  'internal',
];

/** A failure the user should read: a code for programs and a sentence for people. */
export class StudioError extends Error {
  constructor(
    readonly code: StudioErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'StudioError';
  }
}

export interface WireError {
  code: StudioErrorCode;
  message: string;
}

/** A call's answer as it travels: the value, or why there is none. */
export type Envelope<T> = { ok: true; value: T } | { ok: false; error: WireError };

export function isStudioErrorCode(value: unknown): value is StudioErrorCode {
  return typeof value === 'string' && (STUDIO_ERROR_CODES as readonly string[]).includes(value);
}

/** Reads an envelope that came over a transport; anything malformed becomes an internal error. */
export function unwrapEnvelope<T>(raw: unknown, what: string): T {
  if (typeof raw === 'object' && raw !== null && 'ok' in raw) {
    const envelope = raw as { ok: unknown; value?: unknown; error?: { code?: unknown; message?: unknown } };
    if (envelope.ok === true) return envelope.value as T;
    const code = isStudioErrorCode(envelope.error?.code) ? envelope.error.code : 'internal';
    const message = typeof envelope.error?.message === 'string' ? envelope.error.message : `${what} failed`;
    throw new StudioError(code, message);
  }
  throw new StudioError('internal', `${what}: the studio host sent an answer that is not an envelope`);
}
