/**
 * The server under load, in its own process (forked by suite.ts with an IPC
 * channel): the shipped packs, SQLite in a temporary data directory, telnet
 * on an ephemeral port. Answers `stats` messages with its CPU time, memory,
 * event-loop delay and the server's own counters.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { GameEngine, getSettings } from '../../src/engine/host';
import { GameServer } from '../../src/engine/server';
import { SqliteStorage } from '../../src/engine/storage';
import { answerBench, type ChildStats } from '../lib/bench-child';

export interface ServerStatsMessage extends ChildStats {
  type: 'stats';
  ticks: number;
  sessions: number;
  playing: number;
  commits: number;
  lastCommitMs: number;
  entities: number;
}

const packs = fileURLToPath(new URL('../../packs/', import.meta.url));
const dataDir = mkdtempSync(join(tmpdir(), 'maid-bench-server-'));
// The load test opens 1,000 connections from one address at once: its connection limits are raised. `--default-limits` keeps the shipped ones.
const raised = process.argv.includes('--default-limits') ? {} : { maxConnectionsPerAddress: 100_000, maxConnections: 100_000, connectionsPerSecondPerAddress: 100_000 };
// `--unlimited-input`: no input byte or negotiation budget, to show what those limits are worth.
const unlimited = process.argv.includes('--unlimited-input') ? { maxInputBytesPerSecond: 1024 * 1024 * 1024, maxNegotiationsPerSecond: 1_000_000 } : {};
const settings = getSettings({ env: {}, overrides: { dataDir, logLevel: 'WARNING', ...raised, ...unlimited } });
const engine = new GameEngine(settings);
// Cheap scrypt: 1,000 characters are made before the measurement, which is about commands, not logins.
const server = new GameServer(engine, new SqliteStorage({ dataDir }), { host: '127.0.0.1', port: 0, webSocketPort: false, passwordParams: { N: 1024, r: 8, p: 1 } });
for (const name of ['starter-world', 'combat']) await engine.loadPackFromPath(join(packs, name));
await engine.start();
const { telnet } = await server.start();

answerBench({
  stats: (): Omit<ServerStatsMessage, keyof ChildStats | 'type'> => {
    const stats = server.stats();
    return {
      ticks: engine.tickLoop.ticks,
      sessions: stats.sessions,
      playing: stats.playing,
      commits: server.persistence?.stats.commits ?? 0,
      lastCommitMs: server.persistence?.stats.lastCommitMs ?? 0,
      entities: engine.world.entityCount,
    };
  },
  stop: () => server.stop().then(() => engine.stop()),
});
process.send?.({ type: 'listening', port: telnet.port });
