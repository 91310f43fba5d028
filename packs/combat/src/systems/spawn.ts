import type { World } from '@maid/engine';
import { Describable, Location } from '@packs/starter-world';
import { Health } from '../components/health';
import { Npc } from '../components/npc';
import npcs from '../data/npcs.json';

export interface NpcData {
  key: string;
  name: string;
  keywords: string[];
  description: string;
  home: string;
  health: number;
  damage: number;
  respawnSeconds: number;
}

export const NPC_DATA = npcs as NpcData[];

/**
 * Creates the NPCs that do not exist yet; ones already in the world keep
 * their health and place, but take their fighting numbers from the data.
 */
export function spawnNpcs(world: World, data: NpcData[] = NPC_DATA): void {
  for (const npc of data) {
    const entity = world.ensureEntity(npc.key, (e) => {
      e.add(Describable, { name: npc.name, keywords: npc.keywords, description: npc.description });
      e.add(Health, { current: npc.health, max: npc.health });
      e.add(Location, { room: npc.home });
    });
    const prev = entity.get(Npc);
    entity.set(Npc, { home: npc.home, damage: npc.damage, respawnSeconds: npc.respawnSeconds, respawnIn: prev?.respawnIn });
  }
}
