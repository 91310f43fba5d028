import type { World } from '@maid/engine';
import { Loot, type LootEntry } from '../components/loot';
import { Npc } from '../components/npc';
import loot from '../data/loot.json';

export interface LootData {
  xp: number;
  coins: { min: number; max: number };
  items: LootEntry[];
  corpse?: string;
  decaySeconds?: number;
}

/** Loot tables by NPC key. */
export const LOOT_DATA = loot as Record<string, LootData>;

/** The loot table's key of an NPC: its entity key, without the `#2` of a spawn's second instance and on. */
function tableKeyOf(entityKey: string): string {
  return entityKey.replace(/#\d+$/, '');
}

/** Gives each NPC in the data its loot table (again on every load, so edits apply); every instance of a spawn of `count: 2` and more gets it. */
export function applyLoot(world: World, data: Record<string, LootData> = LOOT_DATA): void {
  for (const npc of world.query(Npc).toArray()) {
    const table = npc.key === undefined ? undefined : data[tableKeyOf(npc.key)];
    if (!table) continue;
    npc.set(Loot, {
      xp: table.xp,
      coins: { ...table.coins },
      items: table.items.map((entry) => ({ ...entry })),
      corpse: table.corpse ?? '',
      decaySeconds: table.decaySeconds ?? 120,
    });
  }
}
