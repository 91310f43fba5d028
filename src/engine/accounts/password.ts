/**
 * Password hashing with scrypt (node:crypto). The async form runs on libuv's
 * thread pool, so a login costs the event loop nothing: the other players'
 * commands keep flowing while a hash is computed (a synchronous hash of tens
 * of milliseconds would stall every connected session meanwhile).
 *
 * Stored form: `scrypt$N$r$p$<salt>$<hash>` (salt and hash base64), so the
 * parameters can be raised later and old hashes still verify; `needsRehash`
 * tells the login flow when to re-hash with the current ones.
 *
 * At most a few hashes run at once (one fewer than the CPUs, 1 to 3): a burst
 * of logins waits its turn instead of taking every core from the game loop,
 * and every thread of libuv's pool (4 by default) from file and DNS work.
 */
import { guessablePasswordProblem } from './common-passwords';
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { availableParallelism } from 'node:os';

export interface ScryptParams {
  /** CPU/memory cost, a power of two. Memory used is 128 * N * r bytes. */
  N: number;
  /** Block size. */
  r: number;
  /** Parallelism. */
  p: number;
}

/** 2^15 * 8 * 128 B = 32 MiB and some tens of ms per hash, off the event loop. */
export const DEFAULT_SCRYPT_PARAMS: Readonly<ScryptParams> = Object.freeze({ N: 2 ** 15, r: 8, p: 1 });

const SALT_BYTES = 16;
const HASH_BYTES = 32;
/** Longer input is refused: no one types it, and it only costs hashing time. */
export const MAX_PASSWORD_LENGTH = 1024;
export const MIN_PASSWORD_LENGTH = 8;
/** Bounds a stored string's parameters must respect, so a tampered row cannot make verify allocate gigabytes. */
const MAX_MEMORY = 256 * 1024 * 1024;

const B64 = /^[A-Za-z0-9+/]+={0,2}$/;

/** Hashes a password with a fresh 16-byte random salt. */
export async function hashPassword(plain: string, params: ScryptParams = DEFAULT_SCRYPT_PARAMS): Promise<string> {
  if (typeof plain !== 'string') throw new TypeError('hashPassword: the password must be a string');
  if (plain.length > MAX_PASSWORD_LENGTH) throw new RangeError(`hashPassword: the password is longer than ${MAX_PASSWORD_LENGTH} characters`);
  if (!validParams(params)) throw new RangeError(`hashPassword: unusable scrypt parameters ${JSON.stringify(params)}`);
  const salt = randomBytes(SALT_BYTES);
  const hash = await derive(normalise(plain), salt, HASH_BYTES, params);
  return ['scrypt', params.N, params.r, params.p, salt.toString('base64'), hash.toString('base64')].join('$');
}

/** True when `plain` is the password `stored` was made from. A malformed stored string gives false, never a throw. */
export async function verifyPassword(plain: string, stored: string): Promise<boolean> {
  if (typeof plain !== 'string' || plain.length > MAX_PASSWORD_LENGTH) return false;
  const parsed = parseHash(stored);
  if (parsed === undefined) return false;
  let actual: Buffer;
  try {
    actual = await derive(normalise(plain), parsed.salt, parsed.hash.length, parsed.params);
  } catch {
    return false;
  }
  return timingSafeEqual(actual, parsed.hash);
}

/** True when `stored` is malformed or made with other parameters than `params`: re-hash at the next login. */
export function needsRehash(stored: string, params: ScryptParams = DEFAULT_SCRYPT_PARAMS): boolean {
  const parsed = parseHash(stored);
  return parsed === undefined || parsed.params.N !== params.N || parsed.params.r !== params.r || parsed.params.p !== params.p || parsed.hash.length !== HASH_BYTES;
}

/** What is wrong with a new password, in words for the player; undefined when it is acceptable. */
export function passwordProblem(plain: string, name?: string): string | undefined {
  if (typeof plain !== 'string' || plain.length < MIN_PASSWORD_LENGTH) return `Your password needs at least ${MIN_PASSWORD_LENGTH} characters.`;
  if (plain.length > MAX_PASSWORD_LENGTH) return `Your password can have at most ${MAX_PASSWORD_LENGTH} characters.`;
  if (name !== undefined && name !== '' && plain.toLowerCase().includes(name.toLowerCase())) return 'Your password must not contain your name.';
  if (new Set(plain).size < 3) return 'Your password is too easy to guess: use more different characters.';
  return guessablePasswordProblem(plain);
}

// The same password typed on two clients may arrive composed or decomposed (é vs e + ◌́).
function normalise(plain: string): string {
  return plain.normalize('NFC');
}

function validParams(p: ScryptParams): boolean {
  return (
    Number.isInteger(p?.N) && p.N >= 2 && (p.N & (p.N - 1)) === 0 &&
    Number.isInteger(p.r) && p.r >= 1 && p.r <= 32 &&
    Number.isInteger(p.p) && p.p >= 1 && p.p <= 16 &&
    128 * p.N * p.r <= MAX_MEMORY
  );
}

function parseHash(stored: unknown): { params: ScryptParams; salt: Buffer; hash: Buffer } | undefined {
  if (typeof stored !== 'string' || stored.length > 1024) return undefined;
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return undefined;
  const [, n, r, p, salt, hash] = parts as [string, string, string, string, string, string];
  if (![n, r, p].every((x) => /^[1-9][0-9]{0,9}$/.test(x))) return undefined;
  const params = { N: Number(n), r: Number(r), p: Number(p) };
  if (!validParams(params) || !B64.test(salt) || !B64.test(hash)) return undefined;
  const saltBuf = Buffer.from(salt, 'base64');
  const hashBuf = Buffer.from(hash, 'base64');
  if (saltBuf.length < 8 || saltBuf.length > 64 || hashBuf.length < 16 || hashBuf.length > 128) return undefined;
  return { params, salt: saltBuf, hash: hashBuf };
}

let hashLimit = Math.min(3, Math.max(1, availableParallelism() - 1));
let running = 0;
const waiting: (() => void)[] = [];

/** How many hashes may run at once (for a server that knows its cores better); returns the previous limit. */
export function setHashConcurrency(limit: number): number {
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`setHashConcurrency: limit must be a whole number >= 1 (got ${limit})`);
  const previous = hashLimit;
  hashLimit = limit;
  while (running < hashLimit && waiting.length > 0) {
    running++;
    waiting.shift()?.();
  }
  return previous;
}

async function derive(plain: string, salt: Buffer, length: number, params: ScryptParams): Promise<Buffer> {
  if (running < hashLimit) running++;
  else await new Promise<void>((resolve) => waiting.push(resolve)); // the slot is handed over by release()
  try {
    const options: ScryptOptions = { N: params.N, r: params.r, p: params.p, maxmem: 2 * 128 * params.N * params.r + 1024 * 1024 };
    return await new Promise<Buffer>((resolve, reject) => {
      scrypt(plain, salt, length, options, (err, key) => (err ? reject(err) : resolve(key)));
    });
  } finally {
    release();
  }
}

function release(): void {
  if (running <= hashLimit) {
    const next = waiting.shift();
    if (next) return next(); // the slot passes to the next in line
  }
  running--;
}
