/**
 * The conversation that turns a connection into a player: name, then the
 * password of an existing account, or for a new name a confirmation, a new
 * password (asked twice). Passwords are asked with echo off, checked off the
 * event loop (scrypt), and never written anywhere but to the hash.
 *
 *   name ──existing──> password ──ok──> (done: returning player)
 *     └────new──────> confirm ──yes──> new password ──> repeat ──> (done: new player)
 *
 * Every wrong answer gets a message saying what to do; after
 * `maxAttempts` of them the connection is closed.
 */
import { passwordProblem } from '../../accounts/password';
import { validateName } from '../../accounts/names';
import { errorMessage } from '../../core/errors';
import type { Logger } from '../../core/logger';
import type { AccountRecord, CharacterRecord } from '../../storage/types';
import type { AccountService } from './accounts';

/** What the login flow can do with the connection. */
export interface LoginIO {
  readonly address: string;
  /** A line of text. */
  say(text: string): void;
  /** A question, shown as a prompt; `hidden` turns the client's echo off for the answer. */
  ask(prompt: string, hidden?: boolean): void;
  /** Ends the connection after a last message. */
  close(message: string): void;
}

export interface LoginOutcome {
  account: AccountRecord;
  character: CharacterRecord;
  isNew: boolean;
}

type Step = 'name' | 'password' | 'confirm' | 'new-password' | 'repeat-password' | 'busy' | 'done';

export const LOGIN_TEXT = {
  askName: 'By what name are you known? (A new name creates a new character.)',
  firstBuilder: "Yours is the first account on this server, so it is a builder: 'help' lists the building commands (@dig, @desc...).",
  namePrompt: 'Name: ',
  passwordPrompt: 'Password: ',
  newPasswordPrompt: 'Choose a password: ',
  repeatPrompt: 'Type the password again: ',
  mismatch: 'The two passwords differ. Let us try again.',
  tooMany: 'Too many failed attempts. Goodbye.',
  trouble: 'Something went wrong on our side; please try again in a moment.',
} as const;

export class LoginFlow {
  private step: Step = 'name';
  private name = '';
  private account: AccountRecord | undefined;
  private newPassword = '';
  private failures = 0;

  constructor(
    private readonly io: LoginIO,
    private readonly accounts: AccountService,
    private readonly logger: Logger,
    private readonly options: { gameName: string; maxAttempts: number },
  ) {}

  /** Greets and asks for the name. */
  begin(): void {
    this.io.say(`{bold}Welcome to ${this.options.gameName}!{reset}`);
    this.io.say(LOGIN_TEXT.askName);
    this.io.ask(LOGIN_TEXT.namePrompt);
  }

  /** True once the player is in (or the flow gave up). */
  get finished(): boolean {
    return this.step === 'done';
  }

  /** Takes one line the player typed; resolves with the outcome once the player is logged in. */
  async handle(line: string): Promise<LoginOutcome | undefined> {
    const step = this.step;
    if (step === 'done' || step === 'busy') return undefined;
    this.step = 'busy';
    try {
      switch (step) {
        case 'name':
          await this.onName(line);
          return undefined;
        case 'password':
          return await this.onPassword(line);
        case 'confirm':
          this.onConfirm(line);
          return undefined;
        case 'new-password':
          this.onNewPassword(line);
          return undefined;
        case 'repeat-password':
          return await this.onRepeat(line);
      }
    } catch (err) {
      this.logger.error(`Login of ${this.name || 'a new connection'} from ${this.io.address} failed: ${errorMessage(err)}`);
      this.io.say(LOGIN_TEXT.trouble);
      this.restart();
      return undefined;
    } finally {
      if (this.step === 'busy') this.step = 'name';
    }
  }

  private async onName(line: string): Promise<void> {
    // A bare Enter (clients send one to wake a connection up) just asks again.
    if (line.trim() === '') return this.ask('name', LOGIN_TEXT.namePrompt);
    const check = validateName(line);
    if (!check.ok) return this.fail(check.message);
    this.name = check.name;
    const account = await this.accounts.findAccount(check.name);
    if (account) {
      const verdict = this.accounts.mayTry(account, this.io.address);
      if (!verdict.allowed) return this.fail(verdict.message);
      this.account = account;
      this.name = account.name;
      this.ask('password', LOGIN_TEXT.passwordPrompt, true);
      return;
    }
    if (!(await this.accounts.isFree(check.name))) return this.fail(`The name ${check.name} is taken. Please choose another.`);
    this.io.say(`There is nobody called ${check.name} here yet.`);
    this.ask('confirm', `Create a new character named ${check.name}? (yes/no) `);
  }

  private async onPassword(line: string): Promise<LoginOutcome | undefined> {
    const account = this.account;
    if (!account) return this.restart();
    const result = await this.accounts.authenticate(account, line, this.io.address);
    if (!result.ok) {
      if (result.locked) {
        this.step = 'done';
        this.io.close(result.message);
        return undefined;
      }
      this.failures++;
      if (this.failures >= this.options.maxAttempts) return this.giveUp();
      this.io.say(result.message);
      this.ask('password', LOGIN_TEXT.passwordPrompt, true);
      return undefined;
    }
    this.step = 'done';
    this.logger.info(`${result.character.name} logged in from ${this.io.address}`);
    return { account: result.account, character: result.character, isNew: false };
  }

  private onConfirm(line: string): void {
    const answer = line.trim().toLowerCase();
    if (answer === 'y' || answer === 'yes') {
      this.io.say('Your password needs at least 8 characters and must not contain your name.');
      this.ask('new-password', LOGIN_TEXT.newPasswordPrompt, true);
    } else if (answer === 'n' || answer === 'no') {
      this.restart();
    } else {
      this.ask('confirm', `Please answer yes or no. Create a new character named ${this.name}? (yes/no) `);
    }
  }

  private onNewPassword(line: string): void {
    const problem = passwordProblem(line, this.name);
    if (problem) {
      this.io.say(problem);
      this.ask('new-password', LOGIN_TEXT.newPasswordPrompt, true);
      return;
    }
    this.newPassword = line;
    this.ask('repeat-password', LOGIN_TEXT.repeatPrompt, true);
  }

  private async onRepeat(line: string): Promise<LoginOutcome | undefined> {
    const password = this.newPassword;
    this.newPassword = '';
    if (line !== password) {
      this.failures++;
      if (this.failures >= this.options.maxAttempts) return this.giveUp();
      this.io.say(LOGIN_TEXT.mismatch);
      this.ask('new-password', LOGIN_TEXT.newPasswordPrompt, true);
      return undefined;
    }
    const result = await this.accounts.register(this.name, password);
    if (!result.ok) {
      this.io.say(result.message);
      return this.restart();
    }
    this.step = 'done';
    if (result.account.roles?.includes('builder')) this.io.say(LOGIN_TEXT.firstBuilder);
    this.logger.info(`New character ${result.character.name} created from ${this.io.address}`);
    return { account: result.account, character: result.character, isNew: true };
  }

  private ask(step: Step, prompt: string, hidden = false): void {
    this.step = step;
    this.io.ask(prompt, hidden);
  }

  private fail(message: string): void {
    this.failures++;
    if (this.failures >= this.options.maxAttempts) {
      this.giveUp();
      return;
    }
    this.io.say(message);
    this.ask('name', LOGIN_TEXT.namePrompt);
  }

  private restart(): undefined {
    this.account = undefined;
    this.newPassword = '';
    this.ask('name', LOGIN_TEXT.namePrompt);
    return undefined;
  }

  private giveUp(): undefined {
    this.step = 'done';
    this.newPassword = '';
    this.logger.info(`Closed a login from ${this.io.address} after ${this.failures} failed attempts`);
    this.io.close(LOGIN_TEXT.tooMany);
    return undefined;
  }
}
