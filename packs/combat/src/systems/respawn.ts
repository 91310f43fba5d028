import { Spawned, System, type Entity, type World } from '@maid/engine';
import { Describable, Location, START_ROOM, describeRoom, nameOf, tellRoom, capitalise } from '@packs/starter-world';
import { Health } from '../components/health';
import { Npc } from '../components/npc';
import type { DeathEvent } from './combat';

/** What happens at death: an NPC leaves the world for a while, a player wakes up in town. */
export function handleDeath({ victim }: DeathEvent, world: World): void {
  const room = victim.get(Location)?.room;
  if (victim.has(Npc)) {
    if (room) tellRoom(world, room, `${capitalise(nameOf(victim))} dies.`);
    victim.set(Location, { room: undefined, holder: undefined });
    victim.update(Npc, (n) => ({ respawnIn: n.respawnSeconds }));
    return;
  }
  world.send(victim, '{red}You have died!{reset} You wake up in the town square, aching all over.');
  if (room) tellRoom(world, room, `${nameOf(victim)} collapses and vanishes.`, [victim]);
  victim.set(Location, { room: START_ROOM, holder: undefined });
  victim.update(Health, (h) => ({ current: h.max }));
  world.send(victim, describeRoom(world, START_ROOM, victim));
}

/** Brings dead NPCs back to their home room when their time is up. */
export class RespawnSystem extends System {
  override priority = 60;
  override name = 'RespawnSystem';

  update(delta: number): void {
    for (const npc of this.world.query(Npc)) {
      const data = npc.get(Npc);
      if (data?.respawnIn === undefined) continue;
      const left = data.respawnIn - delta;
      if (left > 0) npc.update(Npc, { respawnIn: left });
      else this.respawn(npc);
    }
  }

  private respawn(npc: Entity): void {
    // Home is where its spawn (areas/creatures.yaml) stands it; Npc.home for one made by code.
    const home = npc.get(Spawned)?.room || npc.require(Npc).home;
    npc.update(Npc, { respawnIn: undefined });
    npc.update(Health, (h) => ({ current: h.max }));
    npc.set(Location, { room: home, holder: undefined });
    tellRoom(this.world, home, `${capitalise(npc.get(Describable)?.name ?? 'something')} appears.`);
  }
}
