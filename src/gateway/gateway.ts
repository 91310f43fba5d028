/**
 * The gateway: what `maid server start` runs. It owns the listening
 * sockets, every player connection with its negotiated state, the input
 * limits and the admin API; it evaluates no pack code. The engine runs in a
 * child process it supervises (supervisor.ts) and talks to in link frames;
 * sessions cross through the relay (session-relay.ts).
 *
 *   const gateway = await Gateway.start({ settings, contentDirs, ... });  // engine booted, listening
 *   await gateway.restartEngine('new code');   // players stay connected
 *   await gateway.stop();                      // engine commits and stops; goodbye to every player
 */
import { AdminError, AdminServer, type AdminRestartResponse } from '../engine/admin';
import type { Logger, Settings } from '../engine/host';
import { limitsFrom, msspVariables } from '../engine/server';
import { ConnectionLimiter } from '../engine/server/endpoints/connection-limiter';
import { TelnetEndpoint } from '../engine/server/endpoints/telnet-endpoint';
import { WebSocketEndpoint } from '../engine/server/endpoints/websocket-endpoint';
import { AdminLink } from './admin-link';
import { SessionRelay } from './session-relay';
import { Supervisor, type ReadyInfo } from './supervisor';
import type { ReceivedEngineFrame, EngineRequestOp } from '../link/frames';

export interface GatewayOptions {
  settings: Settings;
  logger: Logger;
  /** Pack folders the engine loads (with their dependencies). */
  contentDirs: string[];
  /** Every folder of the packs folder is the game's (no --content): new ones load as they appear. */
  allPacks: boolean;
  strict: boolean;
  /** Port of the admin API on 127.0.0.1 (0: any free port); undefined: no admin API. */
  adminPort?: number;
  /** Another engine host entry (tests; the studio, whose bundle lives elsewhere). */
  engineEntry?: string;
  /** Where the engine's log goes: the console (default), or the link, to `onEngine` as `log` events (the studio's log panel). */
  engineLogs?: 'console' | 'link';
  /** Hears the engine from its very start (its first loads and log lines come before `start` returns). */
  onEngine?: (event: GatewayEngineEvent) => void;
}

/** What the gateway hears of the engine, for a host that shows it (the studio). */
export type GatewayEngineEvent =
  | Extract<ReceivedEngineFrame, { t: 'reload' | 'cutoff' | 'load' | 'packs' | 'log' | 'entity' | 'map' }>
  /** The engine went away (crashed, hung, or is restarting on request). */
  | { t: 'down'; cause: string; generation: number }
  /** A new engine serves after a restart. */
  | { t: 'up'; cause: string; generation: number; ms: number };

export interface GatewayAddresses {
  telnet: { host: string; port: number };
  webSocket?: { host: string; port: number; url: string };
  admin?: { url: string; credentialsFile: string };
}

export class Gateway {
  readonly supervisor: Supervisor;
  readonly relay: SessionRelay;
  readonly admin: AdminLink;
  private adminServer: AdminServer | undefined;
  private telnet: TelnetEndpoint | undefined;
  private webSocket: WebSocketEndpoint | undefined;
  private addressesValue: GatewayAddresses | undefined;
  private readyInfo: ReadyInfo | undefined;
  private readonly startedAt = Date.now();
  private stopped = false;
  private readonly listeners = new Set<(event: GatewayEngineEvent) => void>();
  private wentDownAt = 0;
  private downCause = '';

  private constructor(private readonly options: GatewayOptions) {
    const { settings, logger } = options;
    if (options.onEngine) this.listeners.add(options.onEngine);
    this.relay = new SessionRelay({ logger, negotiationTimeoutMs: 500, send: (items) => this.supervisor.send({ t: 'input', items }) });
    this.supervisor = new Supervisor({
      logger,
      settings,
      config: { settings: settings as unknown as Record<string, unknown>, contentDirs: options.contentDirs, allPacks: options.allPacks, strict: options.strict, logs: options.engineLogs ?? 'console' },
      ...(options.engineEntry ? { entry: options.engineEntry } : {}),
      down: (cause) => {
        this.wentDownAt = Date.now();
        this.downCause = cause;
        this.relay.engineDown(cause);
        this.admin.engineDown(cause);
        this.adminServer?.engineEvent({ state: 'restarting', cause, generation: this.supervisor.generation });
        this.emit({ t: 'down', cause, generation: this.supervisor.generation });
      },
      failed: (message, retryMs) => {
        this.relay.engineFailed(message, retryMs);
        const cause = `it could not start: ${message}; trying again in ${Math.round(retryMs / 1000)} s`;
        this.downCause = cause;
        this.adminServer?.engineEvent({ state: 'failed', cause, generation: this.supervisor.generation });
        this.emit({ t: 'down', cause, generation: this.supervisor.generation });
      },
      ready: (info) => {
        this.readyInfo = info;
        this.relay.engineUp();
        if (this.supervisor.generation > 1) {
          logger.info(`Engine restarted (generation ${this.supervisor.generation}): ${this.relay.playing} player(s) back in the world`);
          const cause = this.downCause;
          this.adminServer?.engineEvent({ state: 'running', cause, generation: this.supervisor.generation });
          this.emit({ t: 'up', cause, generation: this.supervisor.generation, ms: Date.now() - this.wentDownAt });
        }
      },
      frame: (frame) => {
        switch (frame.t) {
          case 'output':
            this.relay.output(frame.items);
            return;
          case 'stopping':
            if (frame.waitingFor.length > 0) logger.info(`Waiting for ${frame.waitingFor.join(', ')} to finish; press Ctrl-C again to stop at once`);
            return;
          case 'reload':
            this.admin.receive(frame);
            this.emit(frame);
            return;
          case 'cutoff':
          case 'load':
          case 'packs':
          case 'log':
          case 'entity':
          case 'map':
            this.emit(frame);
            return;
          default:
            this.admin.receive(frame);
        }
      },
    });
    this.admin = new AdminLink(logger, settings, this.supervisor, (reason) => this.restartEngine(reason));
  }

  /**
   * Starts the admin API, then the engine (packs read, world restored), then
   * listens for players. Throws (everything stopped) when the engine cannot
   * start or a port is taken.
   */
  static async start(options: GatewayOptions): Promise<Gateway> {
    const gateway = new Gateway(options);
    try {
      if (options.adminPort !== undefined) {
        gateway.adminServer = await AdminServer.start({ backend: gateway.admin, dataDir: options.settings.dataDir, port: options.adminPort });
      }
      await gateway.supervisor.start();
      await gateway.listen();
    } catch (err) {
      await gateway.stop();
      throw err;
    }
    return gateway;
  }

  get addresses(): GatewayAddresses | undefined {
    return this.addressesValue;
  }

  /** What the engine said when it last came up: its packs, those not loaded, the watcher. */
  get engineInfo(): ReadyInfo | undefined {
    return this.readyInfo;
  }

  /** Hears what the engine reports (reloads, cut-offs, loads, logs) and its restarts. */
  onEngine(listener: (event: GatewayEngineEvent) => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => void this.listeners.delete(listener) };
  }

  /** Asks the engine (its pack list, a reload, a retry); waits for a restarting engine, for a bounded time. */
  ask(op: EngineRequestOp, body?: unknown): Promise<unknown> {
    return this.admin.ask(op, body);
  }

  private emit(event: GatewayEngineEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch (err) {
        this.options.logger.error(`Gateway: an engine event listener failed: ${String(err)}`);
      }
    }
  }

  /** The engine process restarts; every connection stays, and each playing session is back in the world after. */
  async restartEngine(reason: string): Promise<AdminRestartResponse> {
    const began = Date.now();
    this.options.logger.info(`Restarting the engine (${reason}); players stay connected`);
    if (!(await this.supervisor.restart(reason))) throw new AdminError('failed', `The engine did not come back: ${this.supervisor.failure ?? 'the log says why'}`);
    return { ms: Date.now() - began, sessions: this.relay.size, generation: this.supervisor.generation };
  }

  /** The engine commits its last tick and stops; then every player is told goodbye and the listeners close. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    await this.supervisor.stop();
    this.relay.closeAll('The server is shutting down. Your character is saved.');
    await Promise.all([this.telnet?.close(), this.webSocket?.close()]);
    await this.adminServer?.stop();
  }

  private async listen(): Promise<void> {
    const { settings, logger } = this.options;
    const limits = limitsFrom(settings);
    const limiter = new ConnectionLimiter(limits);
    const telnet = new TelnetEndpoint({ limits, limiter, logger, mssp: () => this.mssp(), accept: (t) => this.relay.accept(t) });
    const telnetAddress = await telnet.listen(settings.host, settings.port);
    this.telnet = telnet;
    const addresses: GatewayAddresses = { telnet: telnetAddress };
    if (settings.webSocket) {
      const ws = new WebSocketEndpoint({ limits, limiter, logger, accept: (t) => this.relay.accept(t) });
      addresses.webSocket = await ws.listen(settings.host, settings.webSocketPort);
      this.webSocket = ws;
    }
    if (this.adminServer) addresses.admin = { url: this.adminServer.url, credentialsFile: this.adminServer.credentialsFile };
    this.addressesValue = addresses;
    logger.info(`Telnet on ${telnetAddress.host}:${telnetAddress.port}${addresses.webSocket ? `, WebSocket on ${addresses.webSocket.url}` : ''}`);
  }

  private mssp() {
    return msspVariables({
      name: this.options.settings.gameName,
      players: this.relay.playing,
      startedAt: this.startedAt,
      telnetPort: this.addressesValue?.telnet.port ?? 0,
      ...(this.addressesValue?.webSocket ? { webSocketPort: this.addressesValue.webSocket.port } : {}),
    });
  }
}
