import { Spawned, type Entity, type World } from '@maid/engine';
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
    if (npc) giveTable(npc, table);
  }
  // A spawn of `count: 2` and more: its further instances (combat:barrow-rat#2) get its table too.
  for (const instance of world.query(Spawned).toArray()) {
    const spawned = instance.get(Spawned);
    const table = spawned && spawned.n > 1 ? data[spawned.spawn] : undefined;
    if (table) giveTable(instance, table);
  }
}

function giveTable(npc: Entity, table: LootData): void {
  npc.set(Loot, {
    xp: table.xp,
    coins: { ...table.coins },
    items: table.items.map((entry) => ({ ...entry })),
    corpse: table.corpse ?? '',
    decaySeconds: table.decaySeconds ?? 120,
  });
}
