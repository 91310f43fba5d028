// How web mode speaks the studio API over HTTP and WebSocket on 127.0.0.1.
//
//   GET  /?token=T                 the studio page (refused without the token)
//   GET  /assets/...               the renderer's bundles and workers (public build output)
//   POST /api/<method>             body {"args": [...]}, header Authorization: Bearer T
//                                  -> 200 {"ok":true,"value":...} or 4xx/5xx {"ok":false,"error":{code,message}}
//   WS   /api/events?token=T       the event stream: one JSON StudioEvent per text frame
//
// Every API request must come from the studio's own origin (Origin header) and
// name 127.0.0.1 or localhost as its Host.

import type { StudioErrorCode } from './errors';

export const API_PREFIX = '/api/';
export const EVENTS_PATH = '/api/events';
export const TOKEN_PARAM = 'token';
export const AUTH_SCHEME = 'Bearer';

/** HTTP status for each error code. */
export const HTTP_STATUS: Record<StudioErrorCode, number> = {
  'invalid-argument': 400,
  unauthorized: 401,
  forbidden: 403,
  'not-found': 404,
  conflict: 409,
  'too-large': 413,
  unavailable: 503,
  internal: 500,
};

/** The largest API request body the host reads (a 2 MB file as JSON, escaped). */
export const MAX_REQUEST_BYTES = 8 * 1024 * 1024;
