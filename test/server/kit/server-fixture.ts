/**
 * A real game server for the tests: the shipped packs (copied to a temp
 * folder, so a test may edit and reload them), a SQLite world in a temp data
 * directory, telnet and WebSocket on ephemeral ports, the tick loop running.
 */
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { GameEngine, getSettings, MemorySink, type Settings } from '../../../src/engine/host';
import { GameServer, type GameServerOptions, type ServerAddresses } from '../../../src/engine/server';
import { SqliteStorage } from '../../../src/engine/storage';
import type { Storage } from '../../../src/engine/storage';

export const shippedPacks = fileURLToPath(new URL('../../../packs/', import.meta.url));

/** Cheap scrypt for tests (the defaults take tens of ms a hash). */
export const FAST_HASH = { N: 1024, r: 8, p: 1 };

export interface TestServer {
  engine: GameEngine;
  server: GameServer;
  storage: Storage;
  log: MemorySink;
  addresses: ServerAddresses;
  telnetPort: number;
  dataDir: string;
  packsDir: string;
  /** Stops server and engine (idempotent). */
  stop(): Promise<void>;
}

export interface TestServerOptions extends GameServerOptions {
  settings?: Partial<Settings>;
  /** Reuse a data directory (a restart). */
  dataDir?: string;
  /** Reuse a packs folder (a restart); default a fresh copy of the shipped packs. */
  packsDir?: string;
  storage?: Storage;
  packs?: string[];
}

export function copyPacks(names: string[] = ['starter-world', 'combat']): string {
  const dir = mkdtempSync(join(tmpdir(), 'maid-server-packs-'));
  for (const name of names) cpSync(join(shippedPacks, name), join(dir, name), { recursive: true });
  return dir;
}

export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const { settings: overrides, dataDir: givenDataDir, packsDir: givenPacksDir, storage: givenStorage, packs, ...serverOptions } = options;
  const dataDir = givenDataDir ?? mkdtempSync(join(tmpdir(), 'maid-server-data-'));
  const packNames = packs ?? ['starter-world', 'combat'];
  const packsDir = givenPacksDir ?? copyPacks(packNames);
  const log = new MemorySink(20_000);
  const settings = getSettings({ env: {}, overrides: { logLevel: 'DEBUG', dataDir, tickRate: 20, ...overrides } });
  const engine = new GameEngine(settings, { logSinks: [log.sink] });
  const storage = givenStorage ?? new SqliteStorage({ dataDir });
  const server = new GameServer(engine, storage, { host: '127.0.0.1', port: 0, webSocketPort: 0, passwordParams: FAST_HASH, negotiationTimeoutMs: 300, ...serverOptions });
  for (const name of packNames) await engine.loadPackFromPath(join(packsDir, name));
  await engine.start();
  const addresses = await server.start();
  let stopped: Promise<void> | undefined;
  return {
    engine,
    server,
    storage,
    log,
    addresses,
    telnetPort: addresses.telnet.port,
    dataDir,
    packsDir,
    stop: () =>
      (stopped ??= (async () => {
        await server.stop();
        await engine.stop();
      })()),
  };
}
