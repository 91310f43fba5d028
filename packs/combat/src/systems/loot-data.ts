import type { World } from '@maid/engine';
import { Loot, type LootEntry } from '../components/loot';
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

/** Gives each NPC in the data its loot table (again on every load, so edits apply). */
export function applyLoot(world: World, data: Record<string, LootData> = LOOT_DATA): void {
  for (const [key, table] of Object.entries(data)) {
    const npc = world.findByKey(key);
    if (!npc) continue;
    npc.set(Loot, {
      xp: table.xp,
      coins: { ...table.coins },
      items: table.items.map((entry) => ({ ...entry })),
      corpse: table.corpse ?? '',
      decaySeconds: table.decaySeconds ?? 120,
    });
  }
}
