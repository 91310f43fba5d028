/**
 * A game server in its own process, for the crash test (the test SIGKILLs
 * it). Prints `listening <port>` once it accepts players, and `committed
 * <tick>` after each tick's commit returned (synchronously, so a printed line
 * always means "on disk before the kill").
 *
 *   node --import tsx test/server/kit/server-process.ts <dataDir> <packDir>...
 */
import { writeSync } from 'node:fs';
import { GameEngine, getSettings } from '../../../src/engine/host';
import { GameServer } from '../../../src/engine/server';
import { SqliteStorage } from '../../../src/engine/storage';

const [dataDir, ...packDirs] = process.argv.slice(2);
if (!dataDir || packDirs.length === 0) throw new Error('usage: server-process.ts <dataDir> <packDir>...');

const engine = new GameEngine(getSettings({ env: {}, overrides: { dataDir, tickRate: 20, logLevel: 'WARNING' } }), { logSinks: [] });
const server = new GameServer(engine, new SqliteStorage({ dataDir }), { host: '127.0.0.1', port: 0, webSocketPort: false, passwordParams: { N: 1024, r: 8, p: 1 }, negotiationTimeoutMs: 100 });
for (const dir of packDirs) await engine.loadPackFromPath(dir);
// After the server's own listeners: the persistence commit of the tick has returned when this runs.
engine.afterTick.on(({ tick }) => void writeSync(1, `committed ${tick}\n`));
await engine.start();
const { telnet } = await server.start();
writeSync(1, `listening ${telnet.port}\n`);
