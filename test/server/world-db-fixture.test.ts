/**
 * A world.db written by the better-sqlite3 driver (the release before
 * `node:sqlite`, see test/fixtures/world-db/make-fixture.ts) opens with the
 * current driver: every entity, component, account and character is there,
 * and its players log in to where they left.
 */
import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { SqliteStorage, type AccountRecord, type CharacterRecord, type EntityRecord } from '../../src/engine/storage';
import { useServers } from './kit/harness';

const fixtureDir = fileURLToPath(new URL('../fixtures/world-db/', import.meta.url));

interface Manifest {
  entities: EntityRecord[];
  accounts: AccountRecord[];
  characters: CharacterRecord[];
  meta: { last_tick: string };
}
const manifest = JSON.parse(readFileSync(join(fixtureDir, 'manifest.json'), 'utf8')) as Manifest;

/** A copy of the fixture in a data directory of its own: the committed file is never written. */
function fixtureCopy(): string {
  const dataDir = mkdtempSync(join(tmpdir(), 'maid-world-fixture-'));
  cpSync(join(fixtureDir, 'world.db'), join(dataDir, 'world.db'));
  return dataDir;
}

const { server, client } = useServers();

describe('a world.db from the better-sqlite3 release', () => {
  it('opens with every entity, component, account and character it holds', async () => {
    const storage = new SqliteStorage({ dataDir: fixtureCopy() });
    await storage.open();
    try {
      const { entities, problems } = await storage.loadEntities();
      expect(problems).toEqual([]);
      expect(manifest.entities.length).toBeGreaterThan(10);
      expect(entities).toEqual(manifest.entities);
      for (const account of manifest.accounts) expect(await storage.findAccount(account.name)).toEqual(account);
      for (const character of manifest.characters) {
        expect(await storage.findCharacterByName(character.name)).toEqual(character);
        expect(await storage.listCharacters(character.accountId)).toContainEqual(character);
      }
      expect(await storage.getMeta('last_tick')).toBe(manifest.meta.last_tick);
      // Brought forward on open (version 3 adds roles); its accounts stay players.
      expect(storage.info()).toMatchObject({ journalMode: 'wal', schemaVersion: 3 });
    } finally {
      await storage.close();
    }
  });

  it('its players log in and find themselves where they left, carrying what they had', async () => {
    const s = await server({ dataDir: fixtureCopy() });
    const ada = await client(s.telnetPort);
    expect(await ada.login('Ada', 'silver-moon-42', false)).toContain('North Road');
    expect(await ada.command('inventory')).toContain('a smooth stone');
    const bora = await client(s.telnetPort);
    expect(await bora.login('Bora', 'copper-star-17', false)).toContain('Town Square');
  });

  it('its old town and creatures give way to the area files: one of each, under the new keys; what a player carries stays', async () => {
    const s = await server({ dataDir: fixtureCopy() });
    const world = s.engine.world;
    for (const old of ['room:town-square', 'room:cellar', 'npc:cellar-rat', 'npc:forest-wolf', 'item:bread']) expect(world.findByKey(old), old).toBeUndefined();
    expect(world.findByKey('room:starter-world:cellar')).toBeDefined();
    expect(world.findByKey('combat:cellar-rat')?.getByName('Location')).toMatchObject({ room: 'starter-world:cellar' });
    const ada = await client(s.telnetPort);
    await ada.login('Ada', 'silver-moon-42', false);
    expect(await ada.command('inventory')).toContain('a smooth stone');
    expect(world.findByKey('item:stone')?.getByName('Location')).toMatchObject({ holder: expect.any(String) });
    await ada.command('south');
    const square = await ada.command('look');
    expect(square.match(/A smooth stone is here\./g)).toHaveLength(1);
  });
});
