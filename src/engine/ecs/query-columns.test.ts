// Query columns: a component's data for every member of a query, aligned
// with `query.entities`, for systems that walk many entities.
import { describe, expect, it } from 'vitest';
import { defineComponent } from './component';
import type { Entity } from './entity';
import { World } from './world';
import { seededRandom } from '../../../test/support/seeded-random';

const Pos = defineComponent({ name: 'ColumnsPos', defaults: () => ({ x: 0, y: 0 }) });
const Vel = defineComponent({ name: 'ColumnsVel', defaults: () => ({ dx: 1, dy: 0 }) });
const Other = defineComponent({ name: 'ColumnsOther', defaults: () => ({ n: 0 }) });

/** Every column entry is the data its entity holds, at the same index. */
function expectAligned(world: World): void {
  const q = world.query(Pos, Vel);
  const pos = q.column(Pos);
  const vel = q.column(Vel);
  expect(pos.length).toBe(q.entities.length);
  expect(vel.length).toBe(q.entities.length);
  q.entities.forEach((e, i) => {
    expect(pos[i]).toBe(e.get(Pos));
    expect(vel[i]).toBe(e.get(Vel));
  });
}

describe('query columns', () => {
  it('give each member its own data, at the index of the entity', () => {
    const world = new World();
    const a = world.createEntity().add(Pos, { x: 1 }).add(Vel, { dx: 10 });
    const b = world.createEntity().add(Pos, { x: 2 }).add(Vel, { dx: 20 });
    world.createEntity().add(Pos, { x: 3 }); // no Vel: not a member
    const q = world.query(Pos, Vel);
    const pos = q.column(Pos);
    expect(pos.map((p) => p.x)).toEqual(q.entities.map((e) => e.get(Pos)?.x));
    expect(new Set(q.entities)).toEqual(new Set([a, b]));
    expectAligned(world);
  });

  it('stay aligned as entities join and leave, are destroyed, and have their data replaced', () => {
    const world = new World();
    const q = world.query(Pos, Vel);
    q.column(Pos);
    q.column(Vel);
    const all: Entity[] = [];
    for (let i = 0; i < 20; i++) all.push(world.createEntity().add(Pos, { x: i }).add(Vel));
    expectAligned(world);
    all[3]?.remove(Vel);
    world.destroyEntity(all[0] as Entity);
    all[7]?.set(Pos, { x: 700, y: 0 });
    all[8]?.add(Vel, { dx: 8 }); // add over an existing one replaces its data
    world.setComponentData(all[9] as Entity, 'ColumnsPos', { x: 900, y: 0 });
    all[3]?.add(Vel);
    expectAligned(world);
    expect(q.column(Pos).some((p) => p.x === 700)).toBe(true);
    expect(q.column(Pos).some((p) => p.x === 900)).toBe(true);
    expect(q.size).toBe(19);
  });

  it('stay aligned through a long run of random changes', () => {
    const world = new World();
    world.query(Pos, Vel).column(Vel);
    world.query(Pos, Vel).column(Pos);
    const live: Entity[] = [];
    const rand = seededRandom(7);
    for (let step = 0; step < 3000; step++) {
      const e = live[rand(Math.max(live.length, 1))];
      switch (rand(6)) {
        case 0:
          live.push(world.createEntity().add(Pos, { x: step }).add(Vel));
          break;
        case 1:
          if (e) {
            world.destroyEntity(e);
            live.splice(live.indexOf(e), 1);
          }
          break;
        case 2:
          if (rand(2)) e?.remove(Pos);
          else e?.remove(Vel);
          break;
        case 3:
          if (rand(2)) e?.add(Pos);
          else e?.add(Vel);
          break;
        case 4:
          if (e?.has(Pos)) e.set(Pos, { x: -step, y: 0 });
          break;
        default:
          e?.add(Other);
      }
    }
    expectAligned(world);
  });

  it('refuse a component the query is not over, naming it', () => {
    const world = new World();
    expect(() => world.query(Pos).column(Vel)).toThrow('This query is over ColumnsPos; it has no ColumnsVel column');
  });

  it('write: data changed in place is the entity’s data, and every member is marked changed once', () => {
    const world = new World();
    const es = [1, 2, 3].map((x) => world.createEntity().add(Pos, { x }));
    world.takeChanges();
    const pos = world.query(Pos).write(Pos);
    for (const p of pos) p.x *= 10;
    world.query(Pos).write(Pos); // a second write in the same tick records nothing twice
    expect(es.map((e) => e.get(Pos)?.x)).toEqual([10, 20, 30]);
    const { changed } = world.takeChanges();
    expect(changed).toHaveLength(3);
    expect(new Set(changed)).toEqual(new Set(es));
    // The next tick's write marks them again.
    world.query(Pos).write(Pos);
    expect(world.takeChanges().changed).toHaveLength(3);
  });

  it('write: an entity that joins after a write is in the changes too', () => {
    const world = new World();
    world.createEntity().add(Pos);
    world.takeChanges();
    world.query(Pos).write(Pos);
    const late = world.createEntity().add(Pos);
    world.query(Pos).write(Pos);
    expect(world.takeChanges().changed).toContain(late);
  });

  it('write: every changed entity is in the changes once, however the writes mix', () => {
    const world = new World();
    const both = [1, 2, 3].map((x) => world.createEntity().add(Pos, { x }).add(Vel));
    const posOnly = [4, 5].map((x) => world.createEntity().add(Pos, { x }));
    const velOnly = world.createEntity().add(Vel);
    world.takeChanges();
    for (let tick = 0; tick < 3; tick++) {
      world.query(Pos, Vel).write(Vel); // first in the tick: nothing marked yet
      both[0]?.write(Pos);
      posOnly[1]?.write(Pos);
      world.query(Pos).write(Pos); // overlaps both the query and the single writes
      const fresh = world.createEntity().add(Vel);
      world.query(Vel).write(Vel);
      const { changed } = world.takeChanges();
      expect(changed).toHaveLength(new Set(changed).size);
      expect(new Set(changed)).toEqual(new Set([...both, ...posOnly, velOnly, fresh]));
      world.destroyEntity(fresh);
      world.takeChanges();
    }
  });

  it('write: still marks its members after the change epochs wrap round', () => {
    const world = new World();
    const e = world.createEntity().add(Pos);
    world.query(Pos).write(Pos); // written under epoch 1
    world.takeChanges();
    world.changes.epoch = 2 ** 30 - 1; // the last epoch before the wrap
    world.takeChanges(); // back to epoch 1
    world.query(Pos).write(Pos);
    expect(world.takeChanges().changed).toEqual([e]);
  });

  it('column (read only) marks nothing changed', () => {
    const world = new World();
    world.createEntity().add(Pos);
    world.takeChanges();
    expect(world.query(Pos).column(Pos)).toHaveLength(1);
    expect(world.takeChanges().changed).toEqual([]);
  });

  it('write under a journal: a rollback puts back the values written through the column', () => {
    const world = new World();
    const es = [1, 2, 3].map((x) => world.createEntity().add(Pos, { x }));
    const journal = world.beginJournal();
    for (const p of world.query(Pos).write(Pos)) p.x = 0;
    world.destroyEntity(es[1] as Entity);
    journal.rollback();
    expect(es.map((e) => e.get(Pos)?.x)).toEqual([1, 2, 3]);
    expectAlignedFor(world);
    // After the rollback the column holds the restored data objects.
    expect(world.query(Pos).column(Pos).map((p) => p.x).sort()).toEqual([1, 2, 3]);
  });
});

function expectAlignedFor(world: World): void {
  const q = world.query(Pos);
  q.entities.forEach((e, i) => expect(q.column(Pos)[i]).toBe(e.get(Pos)));
}
