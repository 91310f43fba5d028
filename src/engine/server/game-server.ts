/**
 * The game server: telnet and WebSocket endpoints, the sessions behind them
 * (owned here, never by a pack), accounts, and the world's persistence.
 *
 *   const server = new GameServer(engine, storageFromSettings(settings));  // before engine.start()
 *   await engine.start();        // restores the saved world, then activates the packs
 *   const { telnet, webSocket } = await server.start();
 *   ...
 *   await server.stop();         // goodbye to every player, changes flushed
 *   await engine.stop();         // last flush; the storage closes
 */
import { DisposableStore } from '../core/disposable';
import type { Entity } from '../ecs/entity';
import type { Logger } from '../core/logger';
import type { GameEngine } from '../engine';
import { WorldPersistence } from '../persistence/world-persistence';
import type { AccountRecord, Storage } from '../storage/types';
import { errorMessage } from '../core/errors';
import type { SessionAccount } from '../commands/define';
import { ConnectionLimiter } from './endpoints/connection-limiter';
import { TelnetEndpoint } from './endpoints/telnet-endpoint';
import { WebSocketEndpoint } from './endpoints/websocket-endpoint';
import { AccountService } from './login/accounts';
import { Building } from '../building';
import { LoginFlow, type LoginIO, type LoginOutcome } from './login/login-flow';
import { msspVariables } from './mssp-variables';
import { DEFAULT_PROMPT, limitsFrom, type GameServerOptions, type ServerLimits } from './options';
import { GameSession } from './session/game-session';
import type { SessionHost } from './session/session-host';
import type { PlayingCharacter, Transport } from './session/transport';

/** Sessions written per slice of the end-of-tick flush (about a millisecond's work). */
const FLUSH_SLICE = 50;

export interface ServerAddresses {
  telnet: { host: string; port: number };
  /** Absent when the WebSocket endpoint is off. */
  webSocket?: { host: string; port: number; url: string };
}

export interface ServerStats {
  /** Open sessions, logging in or playing. */
  sessions: number;
  playing: number;
  telnet: number;
  webSocket: number;
}

export class GameServer implements SessionHost {
  readonly limits: ServerLimits;
  readonly logger: Logger;
  readonly prompt: string;
  readonly negotiationTimeoutMs: number;
  readonly gameName: string;
  readonly accounts: AccountService;
  /** The building commands (@dig...), for accounts with the builder role. */
  readonly building: Building;
  /** Restores and saves the world; undefined with `persistWorld: false`. */
  readonly persistence: WorldPersistence | undefined;
  private readonly sessions = new Set<GameSession>();
  private pendingOutput: GameSession[] = [];
  /** A flush pass is under way; how far into pendingOutput it got. */
  private flushing = false;
  private flushedUpTo = 0;
  private readonly limiter: ConnectionLimiter;
  private readonly hooks = new DisposableStore();
  private telnet: TelnetEndpoint | undefined;
  private webSocket: WebSocketEndpoint | undefined;
  private addresses: ServerAddresses | undefined;
  private startedAt = Date.now();
  private nextSessionId = 1;
  private running = false;

  constructor(
    readonly engine: GameEngine,
    readonly storage: Storage,
    private readonly options: GameServerOptions = {},
  ) {
    const settings = engine.settings;
    this.limits = limitsFrom(settings, options.limits);
    this.logger = engine.logger.child('server');
    this.prompt = options.prompt ?? DEFAULT_PROMPT;
    this.negotiationTimeoutMs = options.negotiationTimeoutMs ?? 500;
    this.gameName = options.gameName ?? settings.gameName;
    this.limiter = new ConnectionLimiter(this.limits);
    this.accounts = new AccountService(storage, this.logger, options.passwordParams ? { passwordParams: options.passwordParams } : {});
    if (options.persistWorld !== false) {
      this.persistence = new WorldPersistence(engine, storage);
      // Registered first, so each tick commits before its output goes out: what a player saw at a tick's end is saved.
      this.hooks.add(this.persistence.attach({ onStopped: () => this.engineStopped() }));
    }
    this.hooks.add(engine.afterTick.on(() => this.flushOutput()));
    this.building = this.hooks.add(new Building(engine));
  }

  /**
   * Opens the storage and takes sessions without listening: an engine host
   * behind a gateway gets its connections through `attach` and `resume`.
   */
  async open(): Promise<void> {
    if (this.running) return;
    await this.storage.open();
    this.startedAt = Date.now();
    this.running = true;
  }

  /** Opens the storage and starts listening; resolves with where players can connect. */
  async start(): Promise<ServerAddresses> {
    if (this.addresses) return this.addresses;
    const settings = this.engine.settings;
    await this.open();
    const host = this.options.host ?? settings.host;
    const port = this.options.port ?? settings.port;
    const wsPort = this.options.webSocketPort ?? (settings.webSocket ? settings.webSocketPort : false);
    const telnet = new TelnetEndpoint({
      limits: this.limits,
      limiter: this.limiter,
      logger: this.logger,
      ...(this.options.telnetOffers ? { offers: this.options.telnetOffers } : {}),
      mssp: () => this.mssp(),
      accept: (transport) => this.accept(transport),
    });
    const telnetAddress = await telnet.listen(host, port);
    this.telnet = telnet;
    const addresses: ServerAddresses = { telnet: telnetAddress };
    if (wsPort !== false) {
      const ws = new WebSocketEndpoint({ limits: this.limits, limiter: this.limiter, logger: this.logger, accept: (transport) => this.accept(transport) });
      try {
        addresses.webSocket = await ws.listen(host, wsPort);
      } catch (err) {
        await telnet.close();
        this.telnet = undefined;
        this.running = false;
        throw err;
      }
      this.webSocket = ws;
    }
    this.addresses = addresses;
    this.logger.info(`Telnet on ${telnetAddress.host}:${telnetAddress.port}${addresses.webSocket ? `, WebSocket on ${addresses.webSocket.url}` : ''}`);
    return addresses;
  }

  /** Where the server listens, once started. */
  get address(): ServerAddresses | undefined {
    return this.addresses;
  }

  get isRunning(): boolean {
    return this.running;
  }

  stats(): ServerStats {
    let playing = 0;
    let telnet = 0;
    for (const s of this.sessions) {
      if (s.state === 'playing') playing++;
      if (s.transport.protocol === 'telnet') telnet++;
    }
    return { sessions: this.sessions.size, playing, telnet, webSocket: this.sessions.size - telnet };
  }

  /**
   * Says goodbye to every session, stops listening and flushes the world's
   * changes. The storage closes here if the engine has stopped, else when it
   * stops (its last tick's changes are saved first).
   */
  async stop(): Promise<void> {
    this.running = false;
    for (const session of [...this.sessions]) session.close('The server is shutting down. Your character is saved.', 'shutdown');
    await Promise.all([this.telnet?.close(), this.webSocket?.close()]);
    this.telnet = undefined;
    this.webSocket = undefined;
    this.addresses = undefined;
    if (this.persistence && this.engine.isStarted && !this.persistence.isFinished) {
      await this.persistence.flush();
      return; // the engine's stop flushes again and closes the storage
    }
    this.hooks.dispose();
    await this.storage.close();
  }

  // ---- SessionHost ----

  createLogin(io: LoginIO): LoginFlow {
    return new LoginFlow(io, this.accounts, this.logger, { gameName: this.gameName, maxAttempts: this.limits.maxLoginAttempts });
  }

  outputPending(session: GameSession): void {
    this.pendingOutput.push(session);
  }

  async enterWorld(session: GameSession, outcome: LoginOutcome): Promise<void> {
    const { engine } = this;
    const name = outcome.character.name;
    // Not while a reload swaps code: the login handlers of every pack must be in place.
    await engine.runExclusive(async () => {
      if (session.state !== 'login') return;
      const world = engine.world;
      let actor = world.getEntity(outcome.character.entityId);
      let isNew = outcome.isNew;
      if (!actor) {
        if (!isNew) this.logger.warn(`The entity of character ${name} was not in the world (lost in a crash?); starting it afresh`);
        actor = world.createEntity({ id: outcome.character.entityId });
        isNew = true;
      }
      if (this.takeOver(session, actor, `Someone has logged in as ${name} from elsewhere (${session.address}); this session is closed.`)) {
        session.say('You take over your character from another session.');
        this.logger.info(`${name} taken over by a new session from ${session.address}`);
      }
      engine.sessions.attach(actor, session);
      session.enterPlaying(actor, name, sessionAccount(outcome.account));
      world.events.emit('player:login', { actor, name, isNew });
    });
  }

  clientData(session: GameSession, pkg: string, data: unknown): void {
    if (session.state !== 'playing' || !session.actor) return;
    this.engine.world.events.emit('player:gmcp', { actor: session.actor, package: pkg, data });
  }

  sessionEnded(session: GameSession, reason: string, wasPlaying: boolean): void {
    this.sessions.delete(session);
    const actor = session.actor;
    if (!actor) {
      this.logger.debug(`Connection ${session.id} from ${session.address} closed before logging in (${reason})`);
      return;
    }
    this.engine.sessions.detach(actor, session);
    if (wasPlaying && reason !== 'takeover') {
      this.logger.info(`${session.characterName} left (${reason})`);
      this.engine.world.events.emit('player:disconnect', { actor, reason });
    }
  }

  /** A new connection: its session starts with the login. */
  attach(transport: Transport): void {
    if (!this.running) {
      transport.close();
      return;
    }
    const session = new GameSession(`${transport.protocol}-${this.nextSessionId++}`, transport, this);
    this.sessions.add(session);
    session.start();
  }

  /**
   * A connection that was playing `character` before the engine restarted
   * (the gateway kept it): back in the world without logging in. Packs hear
   * `player:login` with `resumed: true`.
   */
  async resume(transport: Transport, character: PlayingCharacter): Promise<void> {
    if (!this.running) {
      transport.close();
      return;
    }
    const session = new GameSession(`${transport.protocol}-${this.nextSessionId++}`, transport, this);
    this.sessions.add(session);
    session.startResumed();
    const { engine } = this;
    // The roles as stored now: a grant while the engine was down counts.
    const account = await this.storage.findAccount(character.account).catch((err: unknown) => {
      this.logger.error(`Could not read the account ${character.account} of a resumed session: ${errorMessage(err)}`);
      return undefined;
    });
    await engine.runExclusive(async () => {
      if (session.state === 'closed') return;
      const world = engine.world;
      let actor = world.getEntity(character.entityId);
      if (!actor) {
        this.logger.warn(`The entity of character ${character.character} was not in the world after the restart; starting it afresh`);
        actor = world.createEntity({ id: character.entityId });
      }
      this.takeOver(session, actor, 'Your character is played from another connection now.');
      engine.sessions.attach(actor, session);
      session.enterPlaying(actor, character.character, account ? sessionAccount(account) : { id: '', name: character.account, roles: [] });
      world.events.emit('player:login', { actor, name: character.character, isNew: false, resumed: true });
    });
    if (session.state === 'playing') {
      session.flush(true);
      session.releaseInput();
    }
  }

  /**
   * Gives an account exactly these roles (stored) and tells its sessions
   * playing now, so a grant or revoke takes effect at the next command.
   * Undefined when there is no such account.
   */
  async setAccountRoles(name: string, roles: string[]): Promise<AccountRecord | undefined> {
    const account = await this.storage.findAccount(name);
    if (!account) return undefined;
    await this.storage.updateAccount(account.id, { roles });
    const updated = (await this.storage.findAccount(name)) ?? account;
    for (const s of this.sessions) if (s.account?.id === account.id) s.account = sessionAccount(updated);
    this.logger.info(`Account ${account.name} now has ${updated.roles?.length ? `the role(s) ${updated.roles.join(', ')}` : 'no roles'}`);
    return updated;
  }

  // ---- internals ----

  /** Closes another session playing `actor`, with `notice`; true when there was one. */
  private takeOver(session: GameSession, actor: Entity, notice: string): boolean {
    const previous = this.engine.sessions.sessionOf(actor.id);
    if (!previous || previous === session) return false;
    if (previous instanceof GameSession) previous.close(notice, 'takeover');
    else previous.close?.(notice);
    this.engine.sessions.detach(actor, previous);
    return true;
  }

  private accept(transport: Transport): void {
    this.attach(transport);
  }

  /**
   * After each tick: every session with output waiting writes it. A
   * thousand sessions' writes take tens of milliseconds, so they go out in
   * slices with the event loop free in between: commands that arrive
   * meanwhile are answered at once instead of waiting for the last slice.
   */
  private flushOutput(): void {
    if (this.flushing || this.pendingOutput.length === 0) return;
    this.flushing = true;
    this.flushSlice();
  }

  private readonly flushSlice = (): void => {
    const pending = this.pendingOutput;
    const end = Math.min(pending.length, this.flushedUpTo + FLUSH_SLICE);
    for (let i = this.flushedUpTo; i < end; i++) (pending[i] as GameSession).flushPending();
    this.flushedUpTo = end;
    // Sessions that got output meanwhile were appended: they go out in this same pass.
    if (end < pending.length) {
      setImmediate(this.flushSlice);
      return;
    }
    this.pendingOutput = [];
    this.flushedUpTo = 0;
    this.flushing = false;
  };

  private mssp() {
    return msspVariables({
      name: this.gameName,
      players: this.engine.sessions.count,
      startedAt: this.startedAt,
      telnetPort: this.addresses?.telnet.port ?? 0,
      ...(this.addresses?.webSocket ? { webSocketPort: this.addresses.webSocket.port } : {}),
    });
  }

  /** The engine stopped (its last flush done): the storage can close unless the server still runs. */
  private async engineStopped(): Promise<void> {
    if (this.running) return;
    this.hooks.dispose();
    await this.storage.close();
  }
}

/** What commands see of an account: never its password hash. */
function sessionAccount(a: AccountRecord): SessionAccount {
  return { id: a.id, name: a.name, roles: [...(a.roles ?? [])] };
}
