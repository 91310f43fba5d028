import { System, type Entity } from '@maid/engine';
import { Location, capitalise, contentsOf, nameOf, tellRoom } from '@packs/starter-world';
import { Decay } from '../components/decay';

/** Counts down every decaying thing; at zero it rots away with whatever is still in it. */
export class DecaySystem extends System {
  override priority = 70;
  override name = 'DecaySystem';

  update(delta: number): void {
    for (const thing of this.world.query(Decay)) {
      const left = (thing.get(Decay)?.seconds ?? 0) - delta;
      if (left > 0) thing.update(Decay, { seconds: left });
      else this.rot(thing);
    }
  }

  private rot(thing: Entity): void {
    const room = thing.get(Location)?.room;
    if (room) tellRoom(this.world, room, `${capitalise(nameOf(thing))} rots away.`);
    for (const inside of contentsOf(this.world, thing)) this.world.destroyEntity(inside);
    this.world.destroyEntity(thing);
  }
}
