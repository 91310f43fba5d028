import { describe, expect, it } from 'vitest';
import { formatWait, lockDurationMs, LoginThrottle, DEFAULT_ACCOUNT_POLICY } from './throttle';

function clock(start = 1_000_000) {
  let t = start;
  return { now: () => t, advance: (ms: number) => void (t += ms) };
}

const allowed = { allowed: true, ticket: expect.anything() };

describe('LoginThrottle', () => {
  it('allows 10 wrong passwords for an account, then locks it for 1 minute, doubling with each further failure up to 15 minutes', () => {
    const c = clock();
    const t = new LoginThrottle({ now: c.now });
    for (let i = 1; i <= 9; i++) expect(t.recordFailure('Alice', `10.0.0.${i}`)).toEqual(allowed);
    const tenth = t.recordFailure('Alice', '10.0.0.10');
    expect(tenth).toEqual({ allowed: false, scope: 'account', retryAfterMs: 60_000, message: 'Too many failed logins for this account. Please wait 1 minute before trying again.' });
    // the lock is per name, whatever its case, for every address that has failed
    c.advance(10_000);
    expect(t.check('ALICE', '10.0.0.3')).toMatchObject({ allowed: false, scope: 'account', retryAfterMs: 50_000, message: expect.stringContaining('wait 50 seconds') });
    expect(t.check('Bob', '10.0.0.3')).toEqual(allowed);
    c.advance(50_000);
    expect(t.check('alice', '10.0.0.3')).toEqual(allowed);
    expect(t.recordFailure('alice', '10.0.0.3')).toMatchObject({ allowed: false, retryAfterMs: 120_000, message: expect.stringContaining('wait 2 minutes before') });
    for (let i = 0; i < 5; i++) {
      const v = t.check('alice', '10.0.0.3');
      if (!v.allowed) c.advance(v.retryAfterMs);
      t.recordFailure('alice', '10.0.0.3');
    }
    expect(t.check('alice', '10.0.0.3')).toMatchObject({ allowed: false, scope: 'account', retryAfterMs: 15 * 60_000 });
  });

  it('an account\'s lock spares an address with no failures: the owner still logs in', () => {
    const c = clock();
    const t = new LoginThrottle({ now: c.now });
    for (let i = 0; i < 10; i++) t.recordFailure('alice', `attacker${i}`);
    expect(t.check('alice', 'attacker0')).toMatchObject({ allowed: false, scope: 'account' });
    expect(t.check('alice', 'home')).toEqual(allowed);
    t.recordSuccess('alice', 'home');
    expect(t.check('alice', 'attacker0')).toEqual(allowed);
  });

  it('locks an address after 5 failures, whatever names it tries, with its own message', () => {
    const c = clock();
    const t = new LoginThrottle({ now: c.now });
    for (let i = 0; i < 4; i++) expect(t.recordFailure(`user${i}`, '203.0.113.9').allowed).toBe(true);
    expect(t.recordFailure('user4', '203.0.113.9')).toMatchObject({ allowed: false, scope: 'address', message: 'Too many failed logins from your address. Please wait 30 seconds before trying again.' });
    expect(t.check('someoneElse', '203.0.113.9')).toMatchObject({ allowed: false, scope: 'address' });
    expect(t.check('someoneElse', '198.51.100.1')).toEqual(allowed);
  });

  it('counts what happened, not what raced: failures in flight when a lock began add nothing to it', () => {
    const c = clock();
    const t = new LoginThrottle({ now: c.now });
    // 12 attempts admitted at once, then all 12 wrong passwords come back
    const tickets = Array.from({ length: 12 }, () => {
      const v = t.check('alice', 'attacker');
      if (!v.allowed) throw new Error('should be admitted');
      return v.ticket;
    });
    for (const ticket of tickets) t.recordFailure('alice', 'attacker', ticket);
    // the address locked at its 5th failure, for 30 s; the 7 in flight then count for nothing, so the account is not locked
    expect(t.check('alice', 'attacker')).toMatchObject({ allowed: false, scope: 'address', retryAfterMs: 30_000 });
    expect(t.accountState('alice')).toEqual({ failedLogins: 5 });
    expect(t.check('alice', 'home')).toEqual(allowed);
    // after the lock, the next failure doubles once, not seven times
    c.advance(30_000);
    const next = t.check('alice', 'attacker');
    expect(next.allowed).toBe(true);
    expect(t.recordFailure('alice', 'attacker', next.allowed ? next.ticket : undefined)).toMatchObject({ allowed: false, scope: 'address', retryAfterMs: 60_000 });
  });

  it('reports the longer wait when both the account and the address are locked', () => {
    const c = clock();
    const t = new LoginThrottle({ now: c.now, account: { freeAttempts: 2, baseLockMs: 1_000 }, address: { freeAttempts: 2, baseLockMs: 5_000 } });
    t.recordFailure('alice', 'a');
    expect(t.recordFailure('alice', 'a')).toMatchObject({ allowed: false, scope: 'address', retryAfterMs: 5_000 });
  });

  it('a success clears the account count but not the address count', () => {
    const c = clock();
    const t = new LoginThrottle({ now: c.now, address: { freeAttempts: 6 } });
    for (let i = 0; i < 4; i++) t.recordFailure('alice', 'a');
    t.recordSuccess('Alice', 'a');
    expect(t.accountState('alice')).toEqual({ failedLogins: 0 });
    // the address keeps its 4: its 6th failure locks it, while the account is only at 2
    expect(t.recordFailure('alice', 'a').allowed).toBe(true);
    expect(t.recordFailure('alice', 'a')).toMatchObject({ allowed: false, scope: 'address' });
    expect(t.accountState('alice')).toEqual({ failedLogins: 2 });
  });

  it('forgets a count a while after the last failure or the end of the lock', () => {
    const c = clock();
    const t = new LoginThrottle({ now: c.now });
    for (let i = 0; i < 4; i++) t.recordFailure('alice', 'a');
    c.advance(DEFAULT_ACCOUNT_POLICY.forgetAfterMs + 1);
    expect(t.recordFailure('alice', 'a')).toEqual(allowed);
    expect(t.accountState('alice')).toEqual({ failedLogins: 1 });
  });

  it('keeps the progression through a long lock: waiting it out does not reset the count', () => {
    const c = clock();
    const t = new LoginThrottle({ now: c.now, account: { maxLockMs: 24 * 3_600_000 } });
    for (let i = 0; i < 15; i++) {
      const v = t.check('alice', `ip${i}`);
      if (!v.allowed) c.advance(v.retryAfterMs);
      t.recordFailure('alice', `ip${i}`);
    }
    // 15th failure: 1 min * 2^5
    expect(t.check('alice', 'ip0')).toMatchObject({ allowed: false, retryAfterMs: 60_000 * 32, message: expect.stringContaining('32 minutes') });
  });

  it('carries an account count through its record across restarts', () => {
    const c = clock();
    const first = new LoginThrottle({ now: c.now });
    for (let i = 0; i < 10; i++) first.recordFailure('alice', `a${i}`);
    const saved = first.accountState('alice');
    expect(saved).toEqual({ failedLogins: 10, lockedUntil: c.now() + 60_000 });
    const second = new LoginThrottle({ now: c.now });
    second.restoreAccount('alice', saved);
    second.recordFailure('bob', 'b'); // the address b has failed once: the account's lock applies to it
    expect(second.check('alice', 'b')).toMatchObject({ allowed: false, scope: 'account', retryAfterMs: 60_000 });
    c.advance(60_000);
    expect(second.recordFailure('alice', 'b')).toMatchObject({ allowed: false, retryAfterMs: 120_000 });
  });

  it('shortens a lock saved under the old hour-long policy to the longest lock now', () => {
    const c = clock();
    const t = new LoginThrottle({ now: c.now });
    t.restoreAccount('alice', { failedLogins: 12, lockedUntil: c.now() + 3_600_000 });
    t.recordFailure('bob', 'b');
    expect(t.check('alice', 'b')).toMatchObject({ allowed: false, scope: 'account', retryAfterMs: 15 * 60_000 });
  });

  it('remembers a bounded number of names and addresses, dropping the oldest', () => {
    const c = clock();
    const t = new LoginThrottle({ now: c.now, maxEntries: 3, account: { freeAttempts: 1 } });
    t.recordFailure('first', 'a1');
    for (const n of ['n2', 'n3', 'n4']) t.recordFailure(n, n);
    expect(t.check('first', 'a1')).toEqual(allowed);
    expect(t.check('n4', 'n4')).toMatchObject({ allowed: false });
  });

  it('refuses nonsense policies', () => {
    expect(() => new LoginThrottle({ account: { baseLockMs: -1 } })).toThrow(/baseLockMs must be a number >= 0/);
  });
});

describe('lockDurationMs / formatWait', () => {
  it('doubles from the first lock up to the cap', () => {
    const p = { freeAttempts: 5, baseLockMs: 30_000, maxLockMs: 3_600_000, forgetAfterMs: 1 };
    expect([4, 5, 6, 7, 12, 1000].map((n) => lockDurationMs(n, p))).toEqual([0, 30_000, 60_000, 120_000, 3_600_000, 3_600_000]);
  });

  it('puts a wait in words, rounded up to the second', () => {
    expect(formatWait(1)).toBe('1 second');
    expect(formatWait(45_000)).toBe('45 seconds');
    expect(formatWait(60_000)).toBe('1 minute');
    expect(formatWait(125_400)).toBe('2 minutes 6 seconds');
    expect(formatWait(3_600_000)).toBe('1 hour');
    expect(formatWait(3_780_000)).toBe('1 hour 3 minutes');
  });
});
