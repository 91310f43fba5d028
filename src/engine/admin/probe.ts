import { request } from 'node:http';
import { readCredentials } from './credentials';
import { ADMIN_ROUTES } from './protocol';

/** How long a running server has to answer the probe; a stopped one never does. */
export const PROBE_TIMEOUT_MS = 1000;

/**
 * True when the server whose credentials are in `dataDir` (and, if given,
 * whose PID is `pid`) answers its admin API within a second. A process
 * stopped with SIGSTOP accepts the connection (the kernel does) but never
 * answers: that is false after the timeout, not a hang.
 */
export function serverAnswers(dataDir: string, pid?: number, timeoutMs = PROBE_TIMEOUT_MS): Promise<boolean> {
  let credentials;
  try {
    credentials = readCredentials(dataDir);
  } catch {
    return Promise.resolve(false);
  }
  if (!credentials || (pid !== undefined && credentials.pid !== pid)) return Promise.resolve(false);
  const { url, token } = credentials;
  return new Promise((resolve) => {
    let req: ReturnType<typeof request>;
    try {
      req = request(new URL(ADMIN_ROUTES.status, url), { method: 'GET', headers: { Authorization: `Bearer ${token}` }, timeout: timeoutMs }, (res) => {
        res.resume();
        resolve(res.statusCode === 200);
      });
    } catch {
      return resolve(false);
    }
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(false));
    req.end();
  });
}
