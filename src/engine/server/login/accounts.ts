/**
 * Accounts and their characters, for the login flow: look-ups, password
 * checks with throttling, registration. One character per account, named
 * like it (the account name is what a player types at login).
 *
 * Passwords only ever pass through here on their way to scrypt; nothing in
 * this file logs or stores them.
 */
import { randomUUID } from 'node:crypto';
import { DEFAULT_SCRYPT_PARAMS, hashPassword, needsRehash, verifyPassword, type ScryptParams } from '../../accounts/password';
import { LoginThrottle, type AttemptTicket } from '../../accounts/throttle';
import { errorMessage } from '../../core/errors';
import type { Logger } from '../../core/logger';
import { DuplicateNameError, nameKey, type AccountRecord, type CharacterRecord, type Storage } from '../../storage/types';

export type AuthResult =
  | { ok: true; account: AccountRecord; character: CharacterRecord }
  | { ok: false; /** for the player */ message: string; /** further attempts are refused for a while */ locked: boolean };

export type RegisterResult = { ok: true; account: AccountRecord; character: CharacterRecord } | { ok: false; message: string };

export class AccountService {
  readonly throttle: LoginThrottle;
  private readonly params: ScryptParams;
  private registering: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly storage: Storage,
    private readonly logger: Logger,
    options: { passwordParams?: ScryptParams; throttle?: LoginThrottle } = {},
  ) {
    this.params = options.passwordParams ?? DEFAULT_SCRYPT_PARAMS;
    this.throttle = options.throttle ?? new LoginThrottle();
  }

  /** The account with this name, any letter case. */
  findAccount(name: string): Promise<AccountRecord | undefined> {
    return this.storage.findAccount(name);
  }

  /** True when the name is free for a new account and character. */
  async isFree(name: string): Promise<boolean> {
    const [account, character] = await Promise.all([this.storage.findAccount(name), this.storage.findCharacterByName(name)]);
    return account === undefined && character === undefined;
  }

  /** Whether a login for this name from this address may be tried now; carries a saved count into the throttle first. */
  mayTry(account: AccountRecord, address: string): { allowed: true; ticket: AttemptTicket } | { allowed: false; message: string } {
    this.throttle.restoreAccount(account.name, { failedLogins: account.failedLogins, ...(account.lockedUntil !== undefined ? { lockedUntil: account.lockedUntil } : {}) });
    const verdict = this.throttle.check(account.name, address);
    return verdict.allowed ? verdict : { allowed: false, message: verdict.message };
  }

  /** Checks a password; failures are counted for the account (persisted) and the address. */
  async authenticate(account: AccountRecord, password: string, address: string): Promise<AuthResult> {
    const before = this.mayTry(account, address);
    if (!before.allowed) return { ok: false, message: before.message, locked: true };
    if (!(await verifyPassword(password, account.passwordHash))) {
      // The ticket of this attempt: if a lock began while its password was being checked, it adds nothing to that lock.
      const verdict = this.throttle.recordFailure(account.name, address, before.ticket);
      const state = this.throttle.accountState(account.name);
      await this.storage.updateAccount(account.id, { failedLogins: state.failedLogins, lockedUntil: state.lockedUntil }).catch((err) => this.logger.error(`Could not save the failed-login count of account ${account.name}: ${errorMessage(err)}`));
      this.logger.info(`Wrong password for ${account.name} from ${address}${verdict.allowed ? '' : ' (now locked)'}`);
      return verdict.allowed ? { ok: false, message: 'Wrong password.', locked: false } : { ok: false, message: verdict.message, locked: true };
    }
    this.throttle.recordSuccess(account.name, address);
    const patch: Partial<AccountRecord> = { lastLoginAt: Date.now(), failedLogins: 0, lockedUntil: undefined };
    // Hashes made with other scrypt costs are brought to the current ones while the password is at hand.
    if (needsRehash(account.passwordHash, this.params)) patch.passwordHash = await hashPassword(password, this.params);
    await this.storage.updateAccount(account.id, patch);
    const character = await this.characterOf(account);
    return { ok: true, account: { ...account, ...patch }, character };
  }

  /**
   * Creates an account and its character (same name); the character's entity
   * id is chosen here. The first account on a server is its builder.
   */
  async register(name: string, password: string): Promise<RegisterResult> {
    const passwordHash = await hashPassword(password, this.params);
    // One registration at a time from here: two at once must not both be "the first".
    const turn = this.registering.then(() => this.create(name, passwordHash));
    this.registering = turn.catch(() => {});
    return turn;
  }

  private async create(name: string, passwordHash: string): Promise<RegisterResult> {
    const now = Date.now();
    const account: AccountRecord = { id: randomUUID(), name, nameKey: nameKey(name), passwordHash, createdAt: now, lastLoginAt: now, failedLogins: 0 };
    try {
      if (!(await this.isFree(name))) return { ok: false, message: `Someone has just taken the name ${name}. Please choose another.` };
      if ((await this.storage.countAccounts()) === 0) account.roles = ['builder'];
      await this.storage.createAccount(account);
      if (account.roles) this.logger.info(`${name} is the first account on this server: it has the builder role`);
      const character: CharacterRecord = { id: randomUUID(), accountId: account.id, name, entityId: randomUUID(), createdAt: now };
      await this.storage.createCharacter(character);
      return { ok: true, account, character };
    } catch (err) {
      if (err instanceof DuplicateNameError) return { ok: false, message: `Someone has just taken the name ${name}. Please choose another.` };
      throw err;
    }
  }

  /** The account's character; an account left without one (a crash between the two writes) gets it now. */
  private async characterOf(account: AccountRecord): Promise<CharacterRecord> {
    const existing = (await this.storage.listCharacters(account.id))[0];
    if (existing) return existing;
    const character: CharacterRecord = { id: randomUUID(), accountId: account.id, name: account.name, entityId: randomUUID(), createdAt: Date.now() };
    await this.storage.createCharacter(character);
    this.logger.warn(`Account ${account.name} had no character; created one`);
    return character;
  }
}
