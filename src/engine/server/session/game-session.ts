/**
 * One player's session: owned by the server, never by a pack, so a reload
 * (successful or not) cannot drop it or a half-typed login. It runs the
 * login flow, then the player's commands one at a time, and buffers what
 * the game says to the player: the buffer goes out at the end of the tick,
 * or at once with the prompt that ends a command.
 */
import type { PlayerSession, SessionAccount } from '../../commands/define';
import { errorMessage } from '../../core/errors';
import type { Entity } from '../../ecs/entity';
import type { LoginFlow, LoginIO, LoginOutcome } from '../login/login-flow';
import type { SessionHost } from './session-host';
import { IdleWatch } from './idle-watch';
import { InputQueue } from './input-queue';
import type { Transport, TransportLimit } from './transport';

export type SessionState = 'connecting' | 'login' | 'playing' | 'closed';

/** Buffered output: a line of text, or a GMCP message kept in order with the text. */
type OutputItem = string | { pkg: string; data: unknown };

/** Buffered text past which a session writes through instead of waiting for the tick. */
const WRITE_THROUGH_CHARS = 64 * 1024;
/** At most one "too fast" notice per this many ms. */
const NOTICE_INTERVAL_MS = 1000;

export class GameSession implements PlayerSession, LoginIO {
  state: SessionState = 'connecting';
  /** The character's entity, once playing. */
  actor: Entity | undefined;
  characterName: string | undefined;
  /** The account, once playing; the server replaces it when its roles change. */
  account: SessionAccount | undefined;
  readonly connectedAt = Date.now();
  /** Lines run (login answers and commands). */
  linesRun = 0;
  private out: OutputItem[] = [];
  private outChars = 0;
  private pendingMarked = false;
  /** The cursor is after a prompt (or after hidden input): the next text starts on a new line. */
  private afterPrompt = false;
  private echoHidden = false;
  private readonly input: InputQueue;
  private login: LoginFlow | undefined;
  private loginTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly idle: IdleWatch;
  private lastNotice = 0;

  constructor(
    readonly id: string,
    readonly transport: Transport,
    private readonly host: SessionHost,
  ) {
    this.input = new InputQueue({
      perSecond: host.limits.commandsPerSecond,
      maxQueued: host.limits.maxQueuedCommands,
      run: (line) => this.runLine(line),
      dropped: () => this.notice(`You are typing faster than ${host.limits.commandsPerSecond} commands a second; some were dropped.`),
      failed: (err) => host.logger.error(`Session ${this.id}: ${errorMessage(err)}`),
    });
    this.idle = new IdleWatch({
      timeoutMs: host.limits.idleTimeoutMs,
      warn: (leftMs) => this.notice(`You have been idle for a while; you will be disconnected in ${describeSeconds(leftMs)} unless you type something.`, true),
      expire: () => this.close(`You were idle for ${describeSeconds(host.limits.idleTimeoutMs)}. Goodbye.`, 'idle'),
    });
  }

  get address(): string {
    return this.transport.address;
  }

  /** Starts listening to the connection; the banner waits for the client's terminal answers. */
  start(): void {
    this.bindTransport();
    this.loginTimer = setTimeout(() => {
      if (this.state === 'connecting' || this.state === 'login') {
        this.close(`You took more than ${Math.round(this.host.limits.loginTimeoutMs / 1000)} seconds to log in. Goodbye.`, 'login-timeout');
      }
    }, this.host.limits.loginTimeoutMs);
    this.loginTimer.unref?.();
    void this.transport.ready(this.host.negotiationTimeoutMs).then(() => {
      if (this.state !== 'connecting') return;
      this.state = 'login';
      this.login = this.host.createLogin(this);
      this.login.begin();
      this.input.release();
    });
  }

  /**
   * Starts a session that was playing before the engine restarted: no
   * login, the server puts it back in the world; its input (waiting since
   * the restart) runs once it is there.
   */
  startResumed(): void {
    this.bindTransport();
  }

  /** The resumed session is in the world again: its waiting input runs. */
  releaseInput(): void {
    this.input.release();
  }

  private bindTransport(): void {
    this.transport.bind({
      line: (text) => {
        this.idle.active();
        this.input.push(text);
      },
      gmcp: (pkg, data) => this.host.clientData(this, pkg, data),
      limit: (limit, max) => this.limitReached(limit, max),
      closed: (reason) => this.ended(reason),
    });
  }

  // ---- PlayerSession: what commands and the game see ----

  /** Queues a line of text for the player (out at the end of the tick, or with the next prompt). */
  send(text: string): void {
    if (this.state === 'closed') return;
    this.out.push(text);
    this.outChars += text.length;
    this.markPending();
    if (this.outChars > WRITE_THROUGH_CHARS) this.flush(false);
  }

  /** Queues a GMCP message, in order with the text; false when the client does not take the package. */
  sendData(pkg: string, data?: unknown): boolean {
    if (this.state !== 'playing' || !this.transport.acceptsData(pkg)) return false;
    this.out.push({ pkg, data });
    this.markPending();
    return true;
  }

  /** Ends the session after a last message (the `quit` command, a takeover, shutdown). */
  close(message?: string, reason = 'closed'): void {
    if (this.state === 'closed') return;
    if (message) this.send(message);
    this.flush(false);
    this.transport.close();
    this.ended(reason);
  }

  // ---- LoginIO ----

  say(text: string): void {
    this.send(text);
  }

  ask(prompt: string, hidden = false): void {
    if (hidden !== this.echoHidden) {
      this.echoHidden = hidden;
      this.transport.setEcho(hidden);
    }
    // A question asked while a line runs (the login's next step) answers that line.
    this.flush(true, prompt, this.input.running);
  }

  // ---- the server's side ----

  /** Becomes the player of `actor` (the server attached it and is about to announce the login). */
  enterPlaying(actor: Entity, characterName: string, account: SessionAccount): void {
    this.transport.playing?.({ account: account.name, character: characterName, entityId: actor.id });
    this.state = 'playing';
    this.account = account;
    this.actor = actor;
    this.characterName = characterName;
    this.login = undefined;
    if (this.loginTimer) clearTimeout(this.loginTimer);
    this.loginTimer = undefined;
    this.idle.start();
    if (this.echoHidden) {
      this.echoHidden = false;
      this.transport.setEcho(false);
    }
  }

  /** Writes buffered output at the end of a tick; with a prompt when the player is waiting for one. */
  flushPending(): void {
    this.pendingMarked = false;
    if (this.out.length === 0) return;
    // The prompt comes again only under new text: GMCP alone (Room.Info after a move) below a
    // prompt already on screen would otherwise print a second one ("> > ").
    const text = this.out.some((item) => typeof item === 'string');
    this.flush(this.state === 'playing' && !this.input.running && (text || !this.afterPrompt));
  }

  /**
   * Writes the buffered output, then (when `prompt`) the prompt. Output that
   * interrupts a prompt starts on a new line. `answer`: the prompt ends the
   * answer to a line the player typed (the gateway writes it first).
   */
  flush(prompt: boolean, promptText: string = this.host.prompt, answer = false): void {
    const items = this.out;
    if (items.length > 0) {
      this.out = [];
      this.outChars = 0;
    } else if (!prompt) {
      return;
    }
    if (this.state === 'closed' || !this.transport.isOpen) return;
    let lines: string[] = [];
    for (let i = 0; i < items.length; i++) {
      const item = items[i] as OutputItem;
      if (typeof item === 'string') {
        lines.push(item);
      } else {
        if (lines.length > 0) this.writeText(lines);
        lines = [];
        this.transport.sendData(item.pkg, item.data);
      }
    }
    if (prompt) {
      this.writeOut(lines, this.afterPrompt, promptText, answer);
      this.afterPrompt = true;
    } else if (lines.length > 0) {
      this.writeText(lines);
    }
  }

  private writeText(lines: string[]): void {
    this.writeOut(lines, this.afterPrompt);
    this.afterPrompt = false;
  }

  /** The lines (each then a line end), after a line end when `lead` and there are any, and the prompt. */
  private writeOut(lines: string[], lead: boolean, prompt?: string, answer?: boolean): void {
    const withLead = lead && lines.length > 0;
    if (this.transport.writeLines) this.transport.writeLines(lines, withLead, prompt, answer);
    else this.transport.write(joinLines(lines, withLead), prompt, answer);
  }

  private markPending(): void {
    if (this.pendingMarked) return;
    this.pendingMarked = true;
    this.host.outputPending(this);
  }

  private async runLine(line: string): Promise<void> {
    if (this.state === 'closed') return;
    this.linesRun++;
    // The client echoed the line and its line end, unless echo was off (a password).
    this.afterPrompt = this.echoHidden;
    if (this.state === 'login') {
      const login = this.login;
      if (!login) return;
      const outcome = await login.handle(line);
      if (outcome && this.state === 'login') await this.loggedIn(outcome);
      return;
    }
    if (this.state !== 'playing' || !this.actor) return;
    await this.host.engine.executeCommand(this, this.actor, line);
    if (this.state === 'playing') this.flush(true, this.host.prompt, true);
  }

  private async loggedIn(outcome: LoginOutcome): Promise<void> {
    try {
      await this.host.enterWorld(this, outcome);
    } catch (err) {
      this.host.logger.error(`Entering the world as ${outcome.character.name} failed: ${errorMessage(err)}`);
      this.close('Something went wrong while entering the world; please try again in a moment.', 'enter-failed');
      return;
    }
    if (this.state === 'playing') this.flush(true, this.host.prompt, true);
  }

  private limitReached(limit: TransportLimit, max: number): void {
    switch (limit) {
      case 'line':
        this.notice(`That line was longer than ${max} characters and was ignored.`, true);
        return;
      case 'input':
        this.notice(`You sent more than ${max} bytes without a line end; they were discarded.`, true);
        return;
      case 'subnegotiation':
        this.host.logger.debug(`Session ${this.id} (${this.address}): ignored a protocol message over ${max} bytes`);
        return;
      case 'output':
        this.host.logger.info(`Session ${this.id} (${this.address}) did not read its output (over ${max} bytes waiting); disconnected`);
        return;
    }
  }

  /** A message about the player's input, at most once a second. */
  private notice(text: string, always = false): void {
    const now = Date.now();
    if (!always && now - this.lastNotice < NOTICE_INTERVAL_MS) return;
    this.lastNotice = now;
    this.send(text);
    if (!this.input.running) this.flush(this.state === 'playing');
  }

  /** The connection is gone (closed by us or the peer): everything of the session is released. */
  private ended(reason: string): void {
    if (this.state === 'closed') return;
    const wasPlaying = this.state === 'playing';
    this.state = 'closed';
    this.out = [];
    this.outChars = 0;
    this.input.dispose();
    this.idle.stop();
    if (this.loginTimer) clearTimeout(this.loginTimer);
    this.loginTimer = undefined;
    this.host.sessionEnded(this, reason, wasPlaying);
  }
}

/** A duration for players: "90 seconds", "1 minute", "60 minutes". */
function describeSeconds(ms: number): string {
  const seconds = Math.round(ms / 1000);
  if (seconds < 120 && seconds % 60 !== 0) return `${seconds} second${seconds === 1 ? '' : 's'}`;
  const minutes = Math.round(seconds / 60);
  return `${minutes} minute${minutes === 1 ? '' : 's'}`;
}

/** What `Transport.writeLines` of these lines means as one text. */
function joinLines(lines: readonly string[], lead: boolean): string {
  let text = lead ? '\n' : '';
  for (const line of lines) text += line + '\n';
  return text;
}
