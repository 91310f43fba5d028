/**
 * The studio's Content Security Policy, for web mode (an HTTP header) and
 * Electron (a header on the app protocol). Scripts, styles, fonts and
 * workers only from the studio itself (Monaco's workers are bundled files,
 * no CDN); inline styles for Monaco and xterm; connections only to the
 * studio and to the game's WebSocket.
 */
export function contentSecurityPolicy(connectTo: readonly string[]): string {
  const connect = ["'self'", ...connectTo].join(' ');
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    "worker-src 'self'",
    `connect-src ${connect}`,
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
    "object-src 'none'",
  ].join('; ');
}

/** `ws://127.0.0.1:4001/ws` -> `ws://127.0.0.1:4001` (what connect-src names). */
export function originOf(url: string): string | undefined {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}`;
  } catch {
    return undefined;
  }
}

/** Headers every studio response carries. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'X-Frame-Options': 'DENY',
};
