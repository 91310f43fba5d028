/**
 * Wrong-password throttling, per remote address and per account name
 * (existing or not, so the answer never reveals which names exist).
 *
 * - An address that fails 5 times is locked for 30 s, doubling with each
 *   further failure up to an hour: an attacker's address is stopped long
 *   before the account they aim at.
 * - An account that fails 10 times (from anywhere) is locked for 1 minute,
 *   doubling up to 15 minutes, and only for addresses that have failed
 *   themselves: its owner, from an address with no failures, still logs in,
 *   as the throttles of mature services allow.
 * - Counts say what happened, not what raced: an attempt is admitted with a
 *   ticket, and a failure whose attempt was already in flight when a lock
 *   began (12 connections sending a wrong password at once) adds nothing to
 *   that lock. A burst costs one lock, not a doubling per connection.
 *
 * Use: `check` before verifying a password (a locked attempt is refused
 * without hashing anything; an allowed one carries its ticket), then
 * `recordFailure(name, address, ticket)` or `recordSuccess`. A success
 * clears the account's count but not the address's: otherwise one valid
 * account would let an address reset its count between guesses at others.
 * Counts are forgotten a while after the last failure or lock. State is in
 * memory; `accountState`/`restoreAccount` carry an account's count through
 * `AccountRecord.failedLogins`/`lockedUntil` across restarts.
 */
import { nameKey } from '../storage/types';

export interface ThrottlePolicy {
  /** Failures allowed before the first lock. */
  freeAttempts: number;
  /** Length of the first lock; each further failure doubles it. */
  baseLockMs: number;
  /** The longest lock. */
  maxLockMs: number;
  /** A count is forgotten this long after its last failure or the end of its lock. */
  forgetAfterMs: number;
}

/** Accounts: 10 free attempts, then 1 min, 2 min, ... up to 15 min; the lock spares addresses without failures. */
export const DEFAULT_ACCOUNT_POLICY: Readonly<ThrottlePolicy> = Object.freeze({ freeAttempts: 10, baseLockMs: 60_000, maxLockMs: 15 * 60_000, forgetAfterMs: 3_600_000 });
/** Addresses: 5 free attempts, then 30 s, 1 min, 2 min, ... up to 1 h. */
export const DEFAULT_ADDRESS_POLICY: Readonly<ThrottlePolicy> = Object.freeze({ freeAttempts: 5, baseLockMs: 30_000, maxLockMs: 3_600_000, forgetAfterMs: 3_600_000 });

/** Given with an allowed attempt; names the moment it was admitted, for `recordFailure`. */
export interface AttemptTicket {
  readonly seq: number;
}

export interface ThrottleOptions {
  account?: Partial<ThrottlePolicy>;
  address?: Partial<ThrottlePolicy>;
  /** Clock in epoch ms; injectable for tests. */
  now?: () => number;
  /** Most names (and, separately, addresses) remembered; the least recently failed are dropped first. Default 10,000. */
  maxEntries?: number;
}

export type ThrottleVerdict =
  | { allowed: true; ticket: AttemptTicket }
  | { allowed: false; /** which count locked */ scope: 'account' | 'address'; /** ms until a new attempt is accepted */ retryAfterMs: number; /** for the player */ message: string };

interface Entry {
  failures: number;
  lastFailureAt: number;
  lockedUntil: number;
  /** The sequence number at which the current lock began: attempts admitted before it do not count against it. */
  lockedAtSeq: number;
}

/** How long the `failures`-th failure locks for under `policy` (0 while attempts are free). */
export function lockDurationMs(failures: number, policy: ThrottlePolicy): number {
  if (failures < policy.freeAttempts) return 0;
  const doublings = Math.min(failures - policy.freeAttempts, 40);
  return Math.min(policy.baseLockMs * 2 ** doublings, policy.maxLockMs);
}

/** A wait in words, rounded up to the second: "45 seconds", "2 minutes 5 seconds", "1 hour". */
export function formatWait(ms: number): string {
  let seconds = Math.max(1, Math.ceil(ms / 1000));
  const hours = Math.floor(seconds / 3600);
  seconds -= hours * 3600;
  const minutes = Math.floor(seconds / 60);
  seconds -= minutes * 60;
  const parts: string[] = [];
  const unit = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  if (hours > 0) parts.push(unit(hours, 'hour'));
  if (minutes > 0) parts.push(unit(minutes, 'minute'));
  if (seconds > 0 && hours === 0) parts.push(unit(seconds, 'second'));
  return parts.join(' ') || unit(0, 'second');
}

export class LoginThrottle {
  private readonly accountPolicy: ThrottlePolicy;
  private readonly addressPolicy: ThrottlePolicy;
  private readonly now: () => number;
  private readonly maxEntries: number;
  private readonly accounts = new Map<string, Entry>();
  private readonly addresses = new Map<string, Entry>();
  /** Orders admissions and locks: a failure counts only if its attempt was admitted after the lock in force began. */
  private seq = 0;

  constructor(options: ThrottleOptions = {}) {
    this.accountPolicy = checkedPolicy({ ...DEFAULT_ACCOUNT_POLICY, ...options.account });
    this.addressPolicy = checkedPolicy({ ...DEFAULT_ADDRESS_POLICY, ...options.address });
    this.now = options.now ?? Date.now;
    this.maxEntries = Math.max(1, options.maxEntries ?? 10_000);
  }

  /** Whether a login attempt for this name from this address may go ahead now; an allowed one carries its ticket. */
  check(accountName: string, address: string): ThrottleVerdict {
    const now = this.now();
    const account = this.current(this.accounts, nameKey(accountName), this.accountPolicy, now);
    const byAddress = this.current(this.addresses, address, this.addressPolicy, now);
    const addressWait = byAddress ? byAddress.lockedUntil - now : 0;
    // The account's lock holds back only addresses that have failed: its owner elsewhere still gets in.
    const accountWait = account && byAddress && byAddress.failures > 0 ? account.lockedUntil - now : 0;
    // When both are locked, report the longer wait: that is when an attempt will really be accepted.
    if (accountWait <= 0 && addressWait <= 0) return { allowed: true, ticket: { seq: ++this.seq } };
    return accountWait >= addressWait ? refusal('account', accountWait) : refusal('address', addressWait);
  }

  /**
   * Counts a wrong password; the verdict says whether the next attempt must
   * wait, and how long. With the attempt's ticket, a failure that was in
   * flight when a lock began is not counted against that lock.
   */
  recordFailure(accountName: string, address: string, ticket?: AttemptTicket): ThrottleVerdict {
    const now = this.now();
    const account = this.current(this.accounts, nameKey(accountName), this.accountPolicy, now);
    const byAddress = this.current(this.addresses, address, this.addressPolicy, now);
    // Admitted before a lock on either began: that lock already answers the burst this attempt was part of.
    const raced = ticket !== undefined && [account, byAddress].some((e) => e !== undefined && e.lockedUntil > 0 && ticket.seq <= e.lockedAtSeq);
    if (!raced) {
      this.fail(this.accounts, nameKey(accountName), this.accountPolicy, now);
      this.fail(this.addresses, address, this.addressPolicy, now);
    }
    return this.check(accountName, address);
  }

  /** A correct password: the account's count starts again. */
  recordSuccess(accountName: string, _address: string): void {
    this.accounts.delete(nameKey(accountName));
  }

  /** The account's count, to persist in its AccountRecord. */
  accountState(accountName: string): { failedLogins: number; lockedUntil?: number } {
    const entry = this.current(this.accounts, nameKey(accountName), this.accountPolicy, this.now());
    if (!entry) return { failedLogins: 0 };
    return { failedLogins: entry.failures, ...(entry.lockedUntil > this.now() ? { lockedUntil: entry.lockedUntil } : {}) };
  }

  /** Puts back a count persisted by `accountState` (e.g. when the account is looked up after a restart). */
  restoreAccount(accountName: string, state: { failedLogins: number; lockedUntil?: number }): void {
    const key = nameKey(accountName);
    if (this.accounts.has(key) || !(state.failedLogins > 0)) return;
    const now = this.now();
    // A lock saved under a longer policy (an hour, before this one) lasts no longer than the longest lock now.
    const lockedUntil = Math.min(state.lockedUntil ?? 0, now + this.accountPolicy.maxLockMs);
    this.remember(this.accounts, key, { failures: Math.floor(state.failedLogins), lastFailureAt: now, lockedUntil, lockedAtSeq: ++this.seq });
  }

  private current(map: Map<string, Entry>, key: string, policy: ThrottlePolicy, now: number): Entry | undefined {
    const entry = map.get(key);
    if (entry && now - Math.max(entry.lastFailureAt, entry.lockedUntil) > policy.forgetAfterMs) {
      map.delete(key);
      return undefined;
    }
    return entry;
  }

  private fail(map: Map<string, Entry>, key: string, policy: ThrottlePolicy, now: number): void {
    const entry = this.current(map, key, policy, now) ?? { failures: 0, lastFailureAt: now, lockedUntil: 0, lockedAtSeq: 0 };
    entry.failures++;
    entry.lastFailureAt = now;
    const lock = lockDurationMs(entry.failures, policy);
    if (lock > 0) {
      entry.lockedUntil = Math.max(entry.lockedUntil, now + lock);
      entry.lockedAtSeq = ++this.seq;
    }
    this.remember(map, key, entry);
  }

  // Re-inserting keeps the map ordered by last failure, so the oldest go first when it is full.
  private remember(map: Map<string, Entry>, key: string, entry: Entry): void {
    map.delete(key);
    if (map.size >= this.maxEntries) {
      const oldest = map.keys().next();
      if (!oldest.done) map.delete(oldest.value);
    }
    map.set(key, entry);
  }
}

function refusal(scope: 'account' | 'address', retryAfterMs: number): ThrottleVerdict {
  const who = scope === 'account' ? 'for this account' : 'from your address';
  return { allowed: false, scope, retryAfterMs, message: `Too many failed logins ${who}. Please wait ${formatWait(retryAfterMs)} before trying again.` };
}

function checkedPolicy(p: ThrottlePolicy): ThrottlePolicy {
  for (const [field, value] of Object.entries(p)) {
    if (typeof value !== 'number' || !(value >= 0)) throw new RangeError(`LoginThrottle: ${field} must be a number >= 0 (got ${String(value)})`);
  }
  return p;
}
