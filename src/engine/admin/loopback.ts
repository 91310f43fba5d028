import { isIP } from 'node:net';

/** True for addresses that only this machine can reach: 127.0.0.0/8, ::1, and the name localhost. */
export function isLoopbackHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (h === 'localhost') return true;
  if (isIP(h) === 4) return h.startsWith('127.');
  if (isIP(h) === 6) return h === '::1' || /^::ffff:127\./.test(h);
  return false;
}

/**
 * Whether a Host header names this loopback listener. A page on some domain
 * that re-resolves its name to 127.0.0.1 (DNS rebinding) still sends its own
 * name as Host, so this check tells it apart from a local client.
 */
export function isLocalHostHeader(hostHeader: string | undefined, port: number): boolean {
  if (!hostHeader) return false;
  const m = /^(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(hostHeader.trim());
  if (!m) return false;
  const [, host, portText] = m;
  return isLoopbackHost(host as string) && (portText === undefined ? port === 80 : Number(portText) === port);
}
