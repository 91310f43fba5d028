import type { World } from '@maid/engine';
import { Describable, Location } from '../components';
import { Shopkeeper } from '../components/game';
import shops from '../data/shops.json';

export interface ShopData {
  key: string;
  name: string;
  keywords: string[];
  description: string;
  room: string;
  /** Item prototype keys the shop sells. */
  stock: string[];
}

export const SHOP_DATA = shops as ShopData[];

/**
 * Puts each shopkeeper in their room; one already in the world keeps its
 * place but takes its stock and looks from the data (a reload shows edits).
 */
export function spawnShops(world: World, data: ShopData[] = SHOP_DATA): void {
  for (const shop of data) {
    const keeper = world.ensureEntity(shop.key, (e) => e.add(Location, { room: shop.room }));
    keeper.set(Describable, { name: shop.name, keywords: [...shop.keywords], description: shop.description });
    keeper.set(Shopkeeper, { stock: [...shop.stock] });
  }
}
