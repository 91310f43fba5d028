/**
 * A shop is data: with the watcher on, a save of the starter world's item
 * and shop files changes what the shopkeeper lists and charges, while a
 * player stands at the stall; what the player already bought stays theirs.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ReloadResult } from '@maid/engine';
import { useServers } from './kit/harness';

const { server, client } = useServers();

describe('editing a shop while it trades', () => {
  it('a save of items.json and shops.json shows in the next list; a bought item keeps existing', async () => {
    const s = await server();
    await s.engine.hotReload.enableWatching(0.05);
    const c = await client(s.telnetPort);
    await c.login('Tamsin', 'market-day-77', true);
    await c.command('east');
    expect(await c.command('list')).toMatch(/a short sword +30 coins/);

    // A full purse, set as data (the starter world's Purse component, by name).
    const character = await s.storage.findCharacterByName('Tamsin');
    s.engine.world.getEntity(character!.entityId)!.set(s.engine.world.componentType('Purse')!, { coins: 40 });
    expect(await c.command('buy sword')).toContain('You buy a short sword for 30 coins. (You have 10 coins left.)');

    const data = join(s.packsDir, 'starter-world', 'src', 'data');
    const reloaded = new Promise<ReloadResult>((resolve) => {
      const sub = s.engine.hotReload.onReload.on((r) => {
        if (r.packName !== 'starter-world') return;
        sub.dispose();
        resolve(r);
      });
    });
    const items = join(data, 'items.json');
    writeFileSync(items, readFileSync(items, 'utf8').replace('"value": 30,', '"value": 24,'));
    const shops = join(data, 'shops.json');
    writeFileSync(shops, readFileSync(shops, 'utf8').replace('"bread", "torch", ', '"bread", '));
    expect((await reloaded).success).toBe(true);

    const list = await c.command('list');
    expect(list).toMatch(/a short sword +24 coins/);
    expect(list).not.toContain('a torch');
    expect(await c.command('inventory')).toContain('a short sword');
    expect(await c.command('wield sword')).toContain('You wield a short sword.');
  }, 30_000);
});
