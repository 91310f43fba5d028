/**
 * A game server with one 200-room area (pack `bench-area`, under the town's
 * square), in its own process (forked by suite.ts). On `reload` it edits one
 * room's description in the area file, reloads the pack as the watcher
 * would, and answers with the reload's result; suite.ts measures the
 * players' round trips meanwhile. On `watch` it turns the pack watcher on,
 * as `maid server start` has it, and tells of each reload of starter-world
 * that a save caused, so suite.ts can time a save of the town's file to the
 * next `look` that shows it.
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { GameEngine, getSettings } from '../../src/engine/host';
import { GameServer } from '../../src/engine/server';
import { SqliteStorage } from '../../src/engine/storage';
import { areaText, writeContentPack } from './generate';

export const AREA_ROOMS = 200;

const shipped = fileURLToPath(new URL('../../packs/', import.meta.url));
const packsDir = mkdtempSync(join(tmpdir(), 'maid-bench-content-packs-'));
for (const name of ['starter-world', 'combat']) cpSync(join(shipped, name), join(packsDir, name), { recursive: true });
// The town's square leads down into the area (room z0-r0).
const town = join(packsDir, 'starter-world', 'areas', 'town.yaml');
writeFileSync(town, readFileSync(town, 'utf8').replace('south: south-gate }', 'south: south-gate, down: bench-area:z0-r0 }'));
const size = { roomsPerFile: AREA_ROOMS, prototypesPerFile: 20, spawnsPerFile: 100 };
let edits = 0;
const text = () => areaText(0, size, { upTo: 'starter-world:town-square', description: (i) => (i === edits % AREA_ROOMS ? `Edit ${edits}: fresh chalk marks on the wall.` : `Room ${i}: grey stone, a draught from the east.`) });
const areaDir = writeContentPack(packsDir, 'bench-area', { 'area.yaml': text() });

const dataDir = mkdtempSync(join(tmpdir(), 'maid-bench-content-data-'));
const settings = getSettings({ env: {}, overrides: { dataDir, logLevel: 'WARNING', maxConnectionsPerAddress: 100_000, maxConnections: 100_000, connectionsPerSecondPerAddress: 100_000 } });
const engine = new GameEngine(settings);
const server = new GameServer(engine, new SqliteStorage({ dataDir }), { host: '127.0.0.1', port: 0, webSocketPort: false, passwordParams: { N: 1024, r: 8, p: 1 } });
for (const name of ['starter-world', 'combat', 'bench-area']) await engine.loadPackFromPath(join(packsDir, name));
await engine.start();
if (engine.getPack('bench-area')?.status !== 'loaded') throw new Error(`bench-area did not load: ${engine.getPack('bench-area')?.error}`);
const { telnet } = await server.start();

process.on('message', (message: { type: string }) => {
  if (message.type === 'reload') {
    edits++;
    const file = join(areaDir, 'areas', 'area.yaml');
    writeFileSync(file, text());
    const started = performance.now();
    void engine.hotReload.reloadPack('bench-area', undefined, { trigger: 'file', changedFiles: [file] }).then((result) => {
      process.send?.({ type: 'reloaded', success: result.success, error: result.error?.message, ms: performance.now() - started, changed: result.stateDiff.content?.rooms.changed.length ?? 0 });
    });
  } else if (message.type === 'watch') {
    engine.hotReload.onReload.on((r) => {
      if (r.packName === 'starter-world' && r.trigger === 'file') process.send?.({ type: 'saved', success: r.success, error: r.error?.message, changed: r.stateDiff.content?.rooms.changed ?? [] });
    });
    // The debounce `maid server start` has unless told otherwise.
    void engine.hotReload.enableWatching().then(() => process.send?.({ type: 'watching', debounceMs: settings.watchDebounce * 1000 }));
  } else if (message.type === 'stop') {
    void server
      .stop()
      .then(() => engine.stop())
      .then(() => process.exit(0));
  }
});
process.send?.({ type: 'listening', port: telnet.port, town });
