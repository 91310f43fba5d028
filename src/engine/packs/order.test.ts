import { describe, expect, it } from 'vitest';
import type { PackManifest } from './contract';
import { dependantsIn, orderPacks } from './order';

const pack = (name: string, ...dependencies: string[]): PackManifest => ({ name, version: '1.0.0', dependencies });

describe('pack order', () => {
  it('puts each pack after its dependencies, and refuses a missing one and what depends on it', () => {
    const { order, failed } = orderPacks([pack('combat', 'starter-world'), pack('starter-world'), pack('quests', 'guilds'), pack('lore', 'quests')]);
    expect(order).toEqual(['starter-world', 'combat']);
    expect([...failed.keys()].sort()).toEqual(['lore', 'quests']);
  });

  it('lists the packs that depend on one, directly or not, in load order', () => {
    const manifests = [pack('starter-world'), pack('combat', 'starter-world'), pack('shops'), pack('arena', 'combat', 'shops')];
    expect(dependantsIn(manifests, 'starter-world')).toEqual(['combat', 'arena']);
    expect(dependantsIn(manifests, 'shops')).toEqual(['arena']);
    expect(dependantsIn(manifests, 'arena')).toEqual([]);
  });
});
