import type { LootEntry } from '../components/loot';

/** What a death drops: coins, and the item prototypes that came up. */
export interface Drop {
  coins: number;
  items: string[];
}

/** Rolls a loot table; `random` is injectable so tests can be exact. */
export function rollLoot(coins: { min: number; max: number }, items: readonly LootEntry[], random: () => number = Math.random): Drop {
  const low = Math.max(0, Math.min(coins.min, coins.max));
  const high = Math.max(0, coins.max);
  return {
    coins: low + Math.floor(random() * (high - low + 1)),
    items: items.filter((entry) => entry.chance >= 1 || random() < entry.chance).map((entry) => entry.item),
  };
}
