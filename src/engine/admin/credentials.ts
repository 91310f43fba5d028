import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ADMIN_FILE, type AdminCredentials } from './protocol';

/** 32 random bytes, URL-safe: what a client must present to the admin API. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Compares in constant time (over fixed-length digests), so a wrong token's timing tells nothing about the right one. */
export function tokensMatch(given: string, expected: string): boolean {
  const digest = (s: string) => createHash('sha256').update(s).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

export function credentialsPath(dataDir: string): string {
  return join(dataDir, ADMIN_FILE);
}

/**
 * Writes the credentials readable by their owner only. The file is written
 * under a temporary name with mode 0600 and renamed into place, so no
 * reader ever sees it half-written or with wider permissions.
 */
export function writeCredentials(dataDir: string, credentials: AdminCredentials): string {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const file = credentialsPath(dataDir);
  const temp = `${file}.${process.pid}.tmp`;
  rmSync(temp, { force: true }); // a leftover would keep its own mode; 'wx' below creates it afresh
  writeFileSync(temp, JSON.stringify(credentials, null, 2) + '\n', { mode: 0o600, flag: 'wx' });
  chmodSync(temp, 0o600); // the umask can only narrow the mode; make it exact
  renameSync(temp, file);
  return file;
}

/** The credentials in the data directory, or undefined when there is no such file. Throws on a malformed file. */
export function readCredentials(dataDir: string): AdminCredentials | undefined {
  const file = credentialsPath(dataDir);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new Error(`Cannot read ${file}: ${(err as Error).message}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new Error(`${file} is not valid JSON; delete it and restart the server`);
  }
  const c = parsed as Partial<AdminCredentials> | null;
  if (typeof c?.url !== 'string' || typeof c.token !== 'string' || typeof c.pid !== 'number') {
    throw new Error(`${file} does not hold admin credentials (url, token, pid); delete it and restart the server`);
  }
  return { url: c.url, token: c.token, pid: c.pid, startedAt: typeof c.startedAt === 'number' ? c.startedAt : 0 };
}

/** Removes the credentials file if it is still the one with this token (another server may have replaced it). */
export function removeCredentials(dataDir: string, token: string): void {
  try {
    if (readCredentials(dataDir)?.token === token) rmSync(credentialsPath(dataDir), { force: true });
  } catch {
    // A malformed file is not ours to delete.
  }
}
