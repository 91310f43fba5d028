import { describe, expect, it } from 'vitest';
import { DEFAULT_SCRYPT_PARAMS, hashPassword, needsRehash, passwordProblem, setHashConcurrency, verifyPassword } from './password';

// Cheap parameters keep the suite fast; one test uses the defaults.
const FAST = { N: 1024, r: 8, p: 1 };

describe('hashPassword / verifyPassword', () => {
  it('encodes the parameters, a 16-byte salt and a 32-byte hash', async () => {
    const stored = await hashPassword('correct horse', FAST);
    const [scheme, n, r, p, salt, hash, ...rest] = stored.split('$');
    expect([scheme, n, r, p, rest.length]).toEqual(['scrypt', '1024', '8', '1', 0]);
    expect(Buffer.from(salt ?? '', 'base64')).toHaveLength(16);
    expect(Buffer.from(hash ?? '', 'base64')).toHaveLength(32);
    expect(stored).not.toContain('correct horse');
  });

  it('gives different hashes for the same password (per-account salt), each of which verifies', async () => {
    const [a, b] = await Promise.all([hashPassword('same password', FAST), hashPassword('same password', FAST)]);
    expect(a).not.toBe(b);
    expect(await verifyPassword('same password', a)).toBe(true);
    expect(await verifyPassword('same password', b)).toBe(true);
  });

  it('rejects a wrong password, and one differing only in case or trailing space', async () => {
    const stored = await hashPassword('Secret-pass', FAST);
    expect(await verifyPassword('Secret-pass', stored)).toBe(true);
    expect(await verifyPassword('secret-pass', stored)).toBe(false);
    expect(await verifyPassword('Secret-pass ', stored)).toBe(false);
    expect(await verifyPassword('', stored)).toBe(false);
  });

  it('treats composed and decomposed accents as the same password', async () => {
    const stored = await hashPassword('caf\u00e9-au-lait', FAST);
    expect(await verifyPassword('cafe\u0301-au-lait', stored)).toBe(true);
  });

  it('answers false, never throws, for malformed or hostile stored strings', async () => {
    const good = await hashPassword('password1', FAST);
    const [, , , , salt, hash] = good.split('$');
    const malformed: unknown[] = [
      '', 'plain-text-password', 'scrypt$', 'bcrypt$1024$8$1$' + salt + '$' + hash,
      `scrypt$1000$8$1$${salt}$${hash}`, // N not a power of two
      `scrypt$1048576$1024$1$${salt}$${hash}`, // asks for far too much memory
      `scrypt$1024$8$1$${salt}$***`, `scrypt$1024$8$1$$${hash}`, `scrypt$1024$8$1$${salt}$AAAA`, // bad / short hash
      `scrypt$01024$8$1$${salt}$${hash}`, `scrypt$1024$8$1$${salt}$${hash}$extra`, 'x'.repeat(5000),
      undefined, null, 42, {},
    ];
    for (const stored of malformed) await expect(verifyPassword('password1', stored as string)).resolves.toBe(false);
    await expect(verifyPassword(undefined as unknown as string, good)).resolves.toBe(false);
    await expect(verifyPassword('x'.repeat(2000), good)).resolves.toBe(false);
  });

  it('refuses to hash what is not a password, or with unusable parameters', async () => {
    await expect(hashPassword(undefined as unknown as string)).rejects.toThrow(TypeError);
    await expect(hashPassword('x'.repeat(1025), FAST)).rejects.toThrow(/longer than 1024/);
    await expect(hashPassword('password', { N: 1000, r: 8, p: 1 })).rejects.toThrow(/unusable scrypt parameters/);
  });

  it('uses the default parameters, off the event loop: timers keep firing while it hashes', async () => {
    let ticks = 0;
    const timer = setInterval(() => ticks++, 1);
    const started = performance.now();
    const stored = await hashPassword('a real password');
    const elapsed = performance.now() - started;
    clearInterval(timer);
    expect(stored.startsWith(`scrypt$${DEFAULT_SCRYPT_PARAMS.N}$${DEFAULT_SCRYPT_PARAMS.r}$${DEFAULT_SCRYPT_PARAMS.p}$`)).toBe(true);
    expect(await verifyPassword('a real password', stored)).toBe(true);
    // A synchronous hash would let no timer run at all during it.
    if (elapsed > 20) expect(ticks).toBeGreaterThan(1);
  });

  it('queues hashes beyond the concurrency limit and completes them all', async () => {
    const previous = setHashConcurrency(1);
    try {
      const stored = await Promise.all(['one', 'two', 'three', 'four'].map((w) => hashPassword(`password ${w}`, FAST)));
      expect(new Set(stored).size).toBe(4);
      const checks = await Promise.all(stored.map((h, i) => verifyPassword(`password ${['one', 'two', 'three', 'four'][i]}`, h)));
      expect(checks).toEqual([true, true, true, true]);
      // raising the limit while some wait lets them all through
      const pending = Promise.all([1, 2, 3].map((n) => hashPassword(`password ${n}`, FAST)));
      setHashConcurrency(3);
      expect(await pending).toHaveLength(3);
    } finally {
      setHashConcurrency(previous);
    }
    expect(() => setHashConcurrency(0)).toThrow(RangeError);
  });

  it('needsRehash flags hashes made with other parameters, and malformed ones', async () => {
    const fast = await hashPassword('password1', FAST);
    expect(needsRehash(fast)).toBe(true);
    expect(needsRehash(fast, FAST)).toBe(false);
    expect(needsRehash('garbage')).toBe(true);
  });
});

describe('passwordProblem', () => {
  it('explains what is wrong with a new password, in words for the player', () => {
    expect(passwordProblem('short')).toBe('Your password needs at least 8 characters.');
    expect(passwordProblem('xAliceAlice1', 'alice')).toBe('Your password must not contain your name.');
    expect(passwordProblem('aaaaaaaaab')).toMatch(/too easy to guess/);
    expect(passwordProblem('x'.repeat(1025))).toMatch(/at most 1024/);
    expect(passwordProblem('tr0ub4dor&3', 'alice')).toBeUndefined();
  });
});
