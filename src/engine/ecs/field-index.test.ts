// Field indexes: the entities holding a component, by the value of a field.
import { describe, expect, it } from 'vitest';
import { defineComponent } from './component';
import type { Entity } from './entity';
import { World } from './world';
import { seededRandom } from '../../../test/support/seeded-random';

const Place = defineComponent({ name: 'IndexPlace', immutable: true, defaults: () => ({ room: undefined as string | undefined, holder: undefined as string | undefined }) });
const Mutable = defineComponent({ name: 'IndexMutable', defaults: () => ({ room: 'x' }) });

/** What the index should say: a scan of every entity. */
function scan(world: World, room: string): Set<Entity> {
  return new Set([...world.allEntities()].filter((e) => e.get(Place)?.room === room));
}

describe('world.index', () => {
  it('groups the entities holding a component by a field, following add, set, update, remove and destroy', () => {
    const world = new World();
    const rooms = world.index(Place, 'room');
    const a = world.createEntity().add(Place, { room: 'hall' });
    const b = world.createEntity().add(Place, { room: 'hall' });
    const c = world.createEntity().add(Place, { room: 'yard' });
    world.createEntity().add(Place, { holder: 'someone' }); // no room: under no room
    expect(new Set(rooms.get('hall'))).toEqual(new Set([a, b]));
    b.set(Place, { room: 'yard', holder: undefined });
    c.update(Place, { room: 'cellar' });
    expect(rooms.get('hall')).toEqual([a]);
    expect(rooms.get('yard')).toEqual([b]);
    expect(rooms.get('cellar')).toEqual([c]);
    a.remove(Place);
    world.destroyEntity(c);
    expect(rooms.get('hall')).toEqual([]);
    expect(rooms.get('cellar')).toEqual([]);
    expect(rooms.size).toBe(1);
  });

  it('is made on first use from what the world holds, and is the same index after', () => {
    const world = new World();
    const a = world.createEntity().add(Place, { room: 'hall' });
    expect(world.index(Place, 'room').get('hall')).toEqual([a]);
    expect(world.index(Place, 'room')).toBe(world.index(Place, 'room'));
    expect(world.index(Place, 'holder')).not.toBe(world.index(Place, 'room'));
  });

  it('agrees with a scan of the world through a long run of random changes, reused handles included', () => {
    const world = new World();
    const rooms = world.index(Place, 'room');
    const names = ['a', 'b', 'c', 'd'];
    const live: Entity[] = [];
    const rand = seededRandom(11);
    for (let step = 0; step < 4000; step++) {
      const e = live[rand(Math.max(live.length, 1))];
      const room = names[rand(names.length)];
      switch (rand(5)) {
        case 0:
          live.push(world.createEntity().add(Place, { room }));
          break;
        case 1:
          if (e) {
            world.destroyEntity(e);
            live.splice(live.indexOf(e), 1);
          }
          break;
        case 2:
          e?.remove(Place);
          break;
        case 3:
          e?.set(Place, { room, holder: undefined });
          break;
        default:
          if (e?.has(Place)) e.update(Place, { room });
      }
    }
    for (const room of names) expect(new Set(rooms.get(room))).toEqual(scan(world, room));
  });

  it('follows a rollback and a migration, which replace the data', () => {
    const world = new World();
    const rooms = world.index(Place, 'room');
    const e = world.createEntity().add(Place, { room: 'hall' });
    const journal = world.beginJournal();
    e.set(Place, { room: 'yard', holder: undefined });
    expect(rooms.get('yard')).toEqual([e]);
    journal.rollback();
    expect(rooms.get('hall')).toEqual([e]);
    expect(rooms.get('yard')).toEqual([]);
    world.setComponentData(e, 'IndexPlace', { room: 'attic' });
    expect(rooms.get('attic')).toEqual([e]);
  });

  it('refuses a component whose data may change in place, saying why', () => {
    const world = new World();
    expect(() => world.index(Mutable, 'room')).toThrow("world.index(IndexMutable, 'room'): IndexMutable must be defined with immutable: true");
  });
});

describe('immutable components', () => {
  it('refuse changes in place, naming the way to change them', () => {
    const world = new World();
    const e = world.createEntity().add(Place, { room: 'hall' });
    expect(() => e.write(Place)).toThrow('entity.write(IndexPlace): IndexPlace is immutable (defined with immutable: true); replace its data with entity.set() or entity.update()');
    expect(() => world.query(Place).write(Place)).toThrow('query.write(IndexPlace): IndexPlace is immutable');
    expect(e.get(Place)).toEqual({ room: 'hall', holder: undefined });
  });

  it('update replaces the data with a changed copy and marks the entity changed', () => {
    const world = new World();
    const e = world.createEntity().add(Place, { room: 'hall' });
    world.takeChanges();
    const before = e.get(Place);
    const after = e.update(Place, (p) => ({ room: `${p.room}-2` }));
    expect(after).toEqual({ room: 'hall-2', holder: undefined });
    expect(before).toEqual({ room: 'hall', holder: undefined });
    expect(e.get(Place)).toBe(after);
    expect(world.takeChanges().changed).toEqual([e]);
  });
});
