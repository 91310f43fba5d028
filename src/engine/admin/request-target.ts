/**
 * The first check of every HTTP request, before any routing, token or
 * Origin check: is its target (the path and query of the request line)
 * something a handler can work with? Anything else is a 400 with a reason,
 * never an exception out of the handler. Shared by the admin API and the
 * studio's web host.
 */

/** Longest request target accepted, in characters (browsers send far shorter ones to these hosts). */
export const MAX_TARGET_LENGTH = 2048;
/** Longest path segment once decoded, in bytes: what a file name may have on common file systems. */
export const MAX_SEGMENT_BYTES = 255;

export type TargetCheck =
  | { ok: true; url: URL; /** the path's segments, percent-decoded */ segments: string[] }
  | { ok: false; message: string };

// Control characters (NUL included) have no place in a path or a query value here.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;

function decode(part: string): string | undefined {
  try {
    return decodeURIComponent(part);
  } catch {
    return undefined;
  }
}

/** Checks a request's raw target (`req.url`); `ok` comes with the parsed URL and decoded segments. */
export function checkRequestTarget(raw: string | undefined): TargetCheck {
  const target = raw ?? '/';
  if (target.length > MAX_TARGET_LENGTH) return { ok: false, message: `The request target is longer than ${MAX_TARGET_LENGTH} characters` };
  // `//host/...` would parse as another host: these listeners only take paths.
  if (!target.startsWith('/') || target.startsWith('//')) return { ok: false, message: 'The request target must be a path starting with /' };
  if (CONTROL.test(target)) return { ok: false, message: 'The request target contains a control character' };
  let url: URL;
  try {
    url = new URL(target, 'http://127.0.0.1');
  } catch {
    return { ok: false, message: 'The request target is not a valid URL path' };
  }
  const segments: string[] = [];
  for (const part of url.pathname.split('/').slice(1)) {
    const decoded = decode(part);
    if (decoded === undefined) return { ok: false, message: 'The request path has a malformed percent-encoding' };
    if (CONTROL.test(decoded)) return { ok: false, message: 'The request path contains an encoded control character' };
    if (Buffer.byteLength(decoded) > MAX_SEGMENT_BYTES) return { ok: false, message: `A segment of the request path is longer than ${MAX_SEGMENT_BYTES} bytes` };
    segments.push(decoded);
  }
  // Queries are read through URLSearchParams, which never throws; a malformed escape or a NUL in one is refused all the same.
  if (url.search) {
    const query = url.search.slice(1);
    const decoded = decode(query.replace(/\+/g, ' '));
    if (decoded === undefined) return { ok: false, message: 'The request query has a malformed percent-encoding' };
    if (CONTROL.test(decoded)) return { ok: false, message: 'The request query contains an encoded control character' };
  }
  return { ok: true, url, segments };
}
