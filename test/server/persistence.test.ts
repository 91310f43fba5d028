import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SqliteStorage } from '../../src/engine/storage';
import type { ChangeSet } from '../../src/engine/storage';
import { useServers } from './kit/harness';

const { server, client } = useServers();

class FlakyStorage extends SqliteStorage {
  failing = false;
  override async commit(changes: ChangeSet): Promise<void> {
    if (this.failing) throw new Error('disk full (simulated)');
    return super.commit(changes);
  }
}

async function entityOf(storage: SqliteStorage, name: string) {
  const character = await storage.findCharacterByName(name);
  const { entities } = await storage.loadEntities();
  return entities.find((e) => e.id === character?.entityId);
}

describe('the world persists in SQLite', () => {
  it('a clean stop flushes everything, and a restart restores it without duplicating the content', async () => {
    const first = await server();
    const c = await client(first.telnetPort);
    await c.login('Sven', 'silver-moon-42', true);
    await c.command('get stone');
    // The last change goes in right before the stop, with no tick in between.
    c.line('north');
    await c.waitFor('North Road');
    const entities = first.engine.world.entityCount;
    await first.stop();
    expect(c.output).toContain('The server is shutting down. Your character is saved.');

    const second = await server({ dataDir: first.dataDir, packsDir: first.packsDir });
    expect(second.engine.world.entityCount).toBe(entities);
    const keys = [...second.engine.world.allEntities()].map((e) => e.key).filter((k) => k !== undefined);
    expect(new Set(keys).size).toBe(keys.length);
    const again = await client(second.telnetPort);
    expect(await again.login('Sven', 'silver-moon-42', false)).toContain('North Road');
    expect(await again.command('inventory')).toContain('a smooth stone');
    expect(second.log.lines().join('\n')).toMatch(/Restored \d+ entities/);
  });

  it('runs component migrations over the saved world when a pack raised a version', async () => {
    const first = await server();
    const c = await client(first.telnetPort);
    await c.login('Tove', 'silver-moon-42', true);
    await first.stop();
    // Health v2 adds regen; the pack declares the migration.
    const health = join(first.packsDir, 'combat', 'src', 'components', 'health.ts');
    writeFileSync(health, readFileSync(health, 'utf8').replace('version: 1,', 'version: 2,').replace('({ current: 100, max: 100 })', '({ current: 100, max: 100, regen: 1 })'));
    const pack = join(first.packsDir, 'combat', 'src', 'pack.ts');
    writeFileSync(
      pack,
      readFileSync(pack, 'utf8').replace(
        'getMigrations() {\n    return [];\n  }',
        "getMigrations() {\n    return [{ component: 'Health', from: 1, to: 2, migrate: (d: { current: number; max: number }) => ({ ...d, regen: Math.ceil(d.max / 50) }) }];\n  }",
      ),
    );
    const second = await server({ dataDir: first.dataDir, packsDir: first.packsDir });
    expect(second.log.lines().join('\n')).toMatch(/migrated Health 1→2 \(\d+\)/);
    await second.stop();
    const storage = new SqliteStorage({ dataDir: first.dataDir });
    await storage.open();
    const tove = await entityOf(storage, 'Tove');
    expect(tove?.components.Health).toEqual({ version: 2, data: { current: 100, max: 100, regen: 2 } });
    const { entities } = await storage.loadEntities();
    const rat = entities.find((e) => e.key === 'combat:cellar-rat');
    expect(rat?.components.Health).toEqual({ version: 2, data: { current: 30, max: 30, regen: 1 } });
    await storage.close();
  });

  it('keeps the changes of a failed commit and writes them with the next one', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'maid-flaky-'));
    const storage = new FlakyStorage({ dataDir });
    const s = await server({ dataDir, storage });
    const c = await client(s.telnetPort);
    await c.login('Ulla', 'silver-moon-42', true);
    storage.failing = true;
    await c.command('get stone');
    await c.command('east');
    const stats = s.server.persistence!.stats;
    await until(() => stats.failures > 0);
    expect(s.log.lines().join('\n')).toMatch(/disk full \(simulated\).*kept for the next commit/);
    const commits = stats.commits;
    storage.failing = false;
    await until(() => stats.commits > commits);
    const check = new SqliteStorage({ dataDir });
    await check.open();
    const ulla = await entityOf(check, 'Ulla');
    expect(ulla?.components.Location?.data).toMatchObject({ room: 'starter-world:market' });
    const { entities } = await check.loadEntities();
    expect(entities.find((e) => e.key === 'starter-world:stone')?.components.Location?.data).toMatchObject({ holder: ulla?.id });
    await check.close();
  });

  it('refuses to restore after the engine started, with a message saying what to do', async () => {
    const s = await server();
    const { GameServer } = await import('../../src/engine/server');
    expect(() => new GameServer(s.engine, new SqliteStorage({ dataDir: s.dataDir }))).toThrow(/before calling engine.start\(\)/);
  });
});

async function until(check: () => boolean, ms = 5000): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > ms) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
