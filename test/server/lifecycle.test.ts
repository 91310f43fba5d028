import net from 'node:net';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GameEngine, getSettings, MemorySink } from '../../src/engine/host';
import { GameServer } from '../../src/engine/server';
import { MemoryStorage, SqliteStorage } from '../../src/engine/storage';
import { FAST_HASH, shippedPacks } from './kit/server-fixture';
import { TelnetTestClient } from './kit/telnet-client';

async function engineWithPacks(dataDir: string): Promise<GameEngine> {
  const engine = new GameEngine(getSettings({ env: {}, overrides: { dataDir, tickRate: 20 } }), { logSinks: [new MemorySink().sink] });
  await engine.loadPackFromPath(join(shippedPacks, 'starter-world'));
  return engine;
}

describe('server lifecycle', () => {
  it('says clearly when its port is taken, and the world is still saved and closed with the engine', async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as net.AddressInfo).port;
    const dataDir = mkdtempSync(join(tmpdir(), 'maid-lifecycle-'));
    const engine = await engineWithPacks(dataDir);
    const storage = new SqliteStorage({ dataDir });
    const server = new GameServer(engine, storage, { host: '127.0.0.1', port, webSocketPort: false });
    await engine.start({ autoTick: false });
    await expect(server.start()).rejects.toThrow(`Cannot listen for telnet on 127.0.0.1:${port}: the port is in use`);
    blocker.close();
    engine.world.createEntity({ key: 'lifecycle:marker' });
    await server.stop();
    await engine.stop();
    const check = new SqliteStorage({ dataDir });
    await check.open();
    expect((await check.loadEntities()).entities.some((e) => e.key === 'lifecycle:marker')).toBe(true);
    await check.close();
    await expect(storage.loadEntities()).rejects.toThrow(/not open/);
  });

  it('joins an engine that already runs when told not to restore the world (accounts only)', async () => {
    const engine = await engineWithPacks(mkdtempSync(join(tmpdir(), 'maid-lifecycle-')));
    await engine.start();
    const storage = new MemoryStorage();
    const server = new GameServer(engine, storage, { host: '127.0.0.1', port: 0, webSocketPort: false, persistWorld: false, passwordParams: FAST_HASH, negotiationTimeoutMs: 50 });
    const { telnet } = await server.start();
    const c = await TelnetTestClient.connect(telnet.port);
    expect(await c.login('Xena', 'silver-moon-42', true)).toContain('Town Square');
    expect(await storage.findAccount('xena')).toBeDefined();
    await server.stop();
    await c.waitClosed();
    await engine.stop();
  });
});
