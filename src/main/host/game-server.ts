// The one place the studio runs the game server (src/engine/server): telnet
// for MUD clients and the WebSocket endpoint the terminal panel connects to.
// It is made before the engine starts (so the saved world is restored) and
// listens once the packs are loaded.

import { GameServer, GMCP_SUBPROTOCOL, storageFromSettings, type GameEngine } from '../../engine/host';
import type { GameEndpoint } from '../../shared/model';

export interface GameServerOptions {
  /** Interface to listen on; the studio keeps the game on loopback unless told otherwise. */
  host: string;
  /** Telnet port; 0 picks a free one (and then the WebSocket port is free-picked too). */
  port: number;
  /** WebSocket port; 0 picks a free one. */
  webSocketPort: number;
}

export interface StudioGameServer {
  /** Starts listening; the endpoint says where the terminal connects, or why it cannot. */
  listen(): Promise<GameEndpoint>;
  stop(): Promise<void>;
}

const message = (err: unknown) => (err instanceof Error ? err.message : String(err));

/** Makes the game server for an engine that has not started yet. */
export function prepareGameServer(engine: GameEngine, options: GameServerOptions): StudioGameServer {
  const server = new GameServer(engine, storageFromSettings(engine.settings), {
    host: options.host,
    port: options.port,
    webSocketPort: options.webSocketPort,
  });
  return {
    async listen() {
      try {
        const addresses = await server.start();
        if (!addresses.webSocket) return { available: false, reason: 'The game server runs without its WebSocket endpoint (MAID_WEBSOCKET is off), so the terminal cannot connect.' };
        return { available: true, url: addresses.webSocket.url, subprotocol: GMCP_SUBPROTOCOL, telnet: addresses.telnet };
      } catch (err) {
        return { available: false, reason: `The game server could not start: ${message(err)}` };
      }
    },
    stop: () => server.stop(),
  };
}
