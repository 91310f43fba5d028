// The map's markers on a bare world: a move by replacing an immutable
// Location and a change in place of a mutable one are both seen, an entity
// destroyed and another made (its handle reused) in the same tick is one gone
// and one new, and a tick where nobody moved sends nothing.
import { describe, expect, it } from 'vitest';
import { defineComponent } from '../ecs/component';
import { World } from '../ecs/world';
import { MarkerWatch } from './marker-watch';

const Player = defineComponent({ name: 'Player', defaults: () => ({ name: '' }) });
const Npc = defineComponent({ name: 'Npc', defaults: () => ({ damage: 1 }) });

function worldWith(immutable: boolean) {
  const Location = defineComponent({ name: 'Location', defaults: () => ({ room: '' as string | undefined }), immutable });
  const world = new World();
  for (const type of [Player, Npc, Location]) world.registerComponent(type, 'test');
  return { world, Location };
}

describe('MarkerWatch', () => {
  it('sees a move that replaces an immutable Location, and nothing when nobody moved', () => {
    const { world, Location } = worldWith(true);
    const ada = world.createEntity().add(Player, { name: 'Ada' }).add(Location, { room: 'town:square' });
    const watch = new MarkerWatch({ world });
    watch.setOpen(true);
    expect(watch.delta(1)).toBeUndefined();
    ada.add(Location, { room: 'town:square' }); // a new object, the same room: no move
    expect(watch.delta(2)).toBeUndefined();
    ada.add(Location, { room: 'town:road' });
    expect(watch.delta(3)).toEqual({ tick: 3, moved: [{ entity: ada.id, name: 'Ada', kind: 'player', room: 'town:road' }], gone: [] });
    expect(watch.delta(4)).toBeUndefined();
  });

  it('sees a mutable Location changed in place', () => {
    const { world, Location } = worldWith(false);
    const rat = world.createEntity().add(Npc).add(Location, { room: 'town:cellar' });
    const watch = new MarkerWatch({ world });
    watch.setOpen(true);
    rat.write(Location).room = 'town:tavern';
    expect(watch.delta(1)?.moved.map((m) => m.room)).toEqual(['town:tavern']);
  });

  it('an entity destroyed and another made in the same tick (its handle reused): one gone, one new', () => {
    const { world, Location } = worldWith(true);
    const rat = world.createEntity().add(Npc).add(Location, { room: 'town:cellar' });
    const watch = new MarkerWatch({ world });
    watch.setOpen(true);
    const handle = rat.handle;
    world.destroyEntity(rat);
    const wolf = world.createEntity().add(Npc).add(Location, { room: 'town:cellar' });
    expect(wolf.handle).toBe(handle);
    const delta = watch.delta(1);
    expect(delta?.gone).toEqual([rat.id]);
    expect(delta?.moved.map((m) => m.entity)).toEqual([wolf.id]);
  });

  it('computes nothing while no map is open, and starts from the world as it is when one opens', () => {
    const { world, Location } = worldWith(true);
    const ada = world.createEntity().add(Player, { name: 'Ada' }).add(Location, { room: 'town:square' });
    const watch = new MarkerWatch({ world });
    expect(watch.delta(1)).toBeUndefined();
    ada.add(Location, { room: 'town:road' });
    watch.setOpen(true);
    expect(watch.delta(2)).toBeUndefined();
    watch.setOpen(false);
    ada.add(Location, { room: 'town:square' });
    expect(watch.delta(3)).toBeUndefined();
  });
});
