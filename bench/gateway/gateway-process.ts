/**
 * The gateway under load, in its own process (forked by suite.ts with an
 * IPC channel), as `maid server start` runs it: the Gateway class with the
 * engine in the child process it supervises, both shipped packs, SQLite in
 * a temporary data directory, telnet on an ephemeral port, the admin API on
 * 127.0.0.1 (credentials in the data directory). The load test's connection
 * limits are raised, and logins use cheap scrypt parameters.
 *
 * Answers `stats` with the gateway's own figures and the engine's pid (its
 * CPU is read from /proc by the bench), `reset-loop`, and `stop`.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { consoleSink, getSettings, Logger } from '../../src/engine/host';
import { Gateway } from '../../src/gateway/gateway';
import { answerBench, type ChildStats } from '../lib/bench-child';

/** `loop`: the gateway's event-loop delay since the last `reset-loop`. */
export interface GatewayStatsMessage extends ChildStats {
  type: 'stats';
  pid: number;
  /** The engine process serving now. */
  enginePid: number | undefined;
  generation: number;
  sessions: number;
  playing: number;
}

export interface GatewayListeningMessage {
  type: 'listening';
  port: number;
  dataDir: string;
  pid: number;
  enginePid: number | undefined;
}

const packs = fileURLToPath(new URL('../../packs/', import.meta.url));
const dataDir = mkdtempSync(join(tmpdir(), 'maid-bench-gateway-'));
const settings = getSettings({
  env: { MAID_GC_THREADS: process.env.MAID_GC_THREADS },
  overrides: {
    dataDir,
    packsDir: packs,
    port: 0,
    webSocket: false,
    logLevel: 'WARNING',
    passwordCost: 10,
    maxConnectionsPerAddress: 100_000,
    maxConnections: 100_000,
    connectionsPerSecondPerAddress: 100_000,
  },
});
const logger = new Logger(settings.logLevel, [consoleSink]);
const gateway = await Gateway.start({ settings, logger, contentDirs: ['starter-world', 'combat'].map((p) => join(packs, p)), allPacks: false, strict: false, adminPort: 0 });

answerBench({
  stats: (): Omit<GatewayStatsMessage, keyof ChildStats | 'type'> => ({
    pid: process.pid,
    enginePid: gateway.supervisor.pid,
    generation: gateway.supervisor.generation,
    sessions: gateway.relay.size,
    playing: gateway.relay.playing,
  }),
  stop: () => gateway.stop(),
});
const listening: GatewayListeningMessage = { type: 'listening', port: gateway.addresses?.telnet.port ?? 0, dataDir, pid: process.pid, enginePid: gateway.supervisor.pid };
process.send?.(listening);
