// Behaviour the ECS speed work (bench/ecs) must not change: query iteration
// and membership, entity handles being reused, change tracking by epochs,
// component data objects, the query cache and entity ids.
import { describe, expect, it } from 'vitest';
import { defineComponent, type Entity, World } from '../../src/engine/index';

const Pos = defineComponent({ name: 'FastPathPos', defaults: () => ({ x: 0, y: 0 }) });
const Vel = defineComponent({ name: 'FastPathVel', defaults: () => ({ dx: 0, dy: 0 }) });
const Tag = defineComponent<{ note?: string }>({ name: 'FastPathTag', defaults: () => ({}) });

function spawn(world: World, n: number): Entity[] {
  return Array.from({ length: n }, (_, i) => world.createEntity().add(Pos, { x: i }));
}

describe('query iteration', () => {
  it('walks from the last entity to the first', () => {
    const world = new World();
    const q = world.query(Pos);
    const all = spawn(world, 5);
    expect([...q]).toEqual([...all].reverse());
    expect(q.toArray()).toEqual(all);
  });

  it('reads the live list: a removal mid-walk moves the last entity into the hole, as before', () => {
    const world = new World();
    const q = world.query(Pos);
    const [a, b, c, d] = spawn(world, 4) as [Entity, Entity, Entity, Entity];
    const seen: Entity[] = [];
    for (const e of q) {
      seen.push(e);
      // At c, destroy a (not yet visited): d (already visited) takes a's place and is seen again.
      if (e === c) world.destroyEntity(a);
    }
    expect(seen).toEqual([d, c, b, d]);
  });

  it('is a proper iterator: starts on the first next(), can be finished early, is itself iterable', () => {
    const world = new World();
    const q = world.query(Pos);
    const it1 = q[Symbol.iterator]();
    const [a, b] = spawn(world, 2) as [Entity, Entity];
    expect(it1.next()).toEqual({ value: b, done: false });
    expect([...it1]).toEqual([a]);
    expect(it1.next()).toEqual({ value: undefined, done: true });
    const it2 = q[Symbol.iterator]();
    expect(it2.next().value).toBe(b);
    it2.return?.();
    expect(it2.next().done).toBe(true);
    for (const e of q) if (e === b) break;
    expect(q.size).toBe(2);
  });
});

describe('entity handles', () => {
  it('reuses a destroyed entity’s handle without confusing queries about either entity', () => {
    const world = new World();
    const q = world.query(Pos);
    const [old] = spawn(world, 1) as [Entity];
    world.destroyEntity(old);
    const fresh = world.createEntity().add(Pos);
    expect(q.has(old)).toBe(false);
    expect(q.has(fresh)).toBe(true);
    expect([...q]).toEqual([fresh]);
  });

  it('still lets a destroyed entity given a new component join queries (as before), without disturbing others', () => {
    const world = new World();
    const qp = world.query(Pos);
    const qpv = world.query(Pos, Vel);
    const [zombie, other] = spawn(world, 2) as [Entity, Entity];
    world.destroyEntity(zombie);
    const fresh = world.createEntity().add(Pos).add(Vel); // may reuse the zombie's handle
    zombie.add(Vel); // a destroyed entity keeps its data, so it now matches (Pos, Vel)
    expect(new Set(qpv)).toEqual(new Set([fresh, zombie]));
    expect(new Set(qp)).toEqual(new Set([other, fresh]));
    fresh.remove(Vel);
    expect([...qpv]).toEqual([zombie]);
    expect(qpv.has(fresh)).toBe(false);
    expect(new Set(qp)).toEqual(new Set([other, fresh]));
    zombie.remove(Vel);
    expect(qpv.size).toBe(0);
  });

  it('keeps many queries right through heavy churn', () => {
    const world = new World();
    const qp = world.query(Pos);
    const qpv = world.query(Pos, Vel);
    const live = new Set<Entity>();
    let seed = 1;
    const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) % n);
    for (let step = 0; step < 3000; step++) {
      const r = rand(10);
      const list = [...live];
      if (r < 4 || list.length === 0) {
        const e = world.createEntity().add(Pos);
        if (rand(2)) e.add(Vel);
        live.add(e);
      } else if (r < 7) {
        const e = list[rand(list.length)] as Entity;
        world.destroyEntity(e);
        live.delete(e);
      } else {
        const e = list[rand(list.length)] as Entity;
        if (e.has(Vel)) e.remove(Vel);
        else e.add(Vel);
      }
    }
    expect(new Set(qp)).toEqual(live);
    expect(new Set(qpv)).toEqual(new Set([...live].filter((e) => e.has(Vel))));
    expect(qp.size).toBe(live.size);
  });
});

describe('change tracking', () => {
  it('records each changed entity once, in order, and forgets destroyed ones', () => {
    const world = new World();
    const [a, b, c] = spawn(world, 3) as [Entity, Entity, Entity];
    world.takeChanges();
    c.write(Pos).x = 1;
    a.write(Pos).x = 1;
    c.write(Pos).y = 1;
    expect(world.takeChanges().changed).toEqual([c, a]);
    expect(world.takeChanges().changed).toEqual([]);
    b.write(Pos);
    a.update(Pos, { y: 2 });
    world.destroyEntity(b);
    expect(world.takeChanges()).toEqual({ changed: [a], destroyed: [b.id] });
    a.write(Pos);
    expect(world.takeChanges().changed).toEqual([a]);
  });

  it('exposes dirty as before', () => {
    const world = new World();
    const [a] = spawn(world, 1) as [Entity];
    expect(a.dirty).toBe(true);
    world.takeChanges();
    expect(a.dirty).toBe(false);
    a.write(Pos);
    expect(a.dirty).toBe(true);
  });

  it('keeps counting right when the change epoch wraps round', () => {
    const world = new World();
    const [a, b] = spawn(world, 2) as [Entity, Entity];
    world.takeChanges();
    b.write(Pos); // marked in epoch k ...
    world.takeChanges();
    world.changes.epoch = 2 ** 30 - 1; // ... the last epoch before the wrap
    world.writeGate = world.changeEpoch;
    a.write(Pos);
    expect(world.takeChanges().changed).toEqual([a]);
    expect(world.changeEpoch).toBe(1);
    expect([a.dirty, b.dirty]).toEqual([false, false]);
    b.write(Pos);
    a.write(Pos);
    expect(world.takeChanges().changed).toEqual([b, a]);
  });

  it('journals a write to an entity that is already marked changed', () => {
    const world = new World();
    const [a] = spawn(world, 1) as [Entity];
    a.write(Pos).x = 5; // marked changed, before the journal opens
    const journal = world.beginJournal();
    a.write(Pos).x = 6;
    journal.rollback();
    expect(a.get(Pos)).toEqual({ x: 5, y: 0 });
    a.write(Pos).x = 8; // journal closed: a plain write again
    expect(a.get(Pos)?.x).toBe(8);
  });
});

describe('component data', () => {
  it('is a plain object with the defaults overlaid, in the same key order as a spread', () => {
    const world = new World();
    const e = world.createEntity().add(Vel, { dy: 2 });
    const data = e.get(Vel);
    expect(Object.getPrototypeOf(data)).toBe(Object.prototype);
    expect(data?.constructor).toBe(Object);
    expect(Object.keys(data ?? {})).toEqual(['dx', 'dy']);
    expect(data).toStrictEqual({ dx: 0, dy: 2 });
    expect(JSON.stringify(data)).toBe('{"dx":0,"dy":2}');
  });

  it('keeps an own "__proto__" key as data, never as the prototype', () => {
    const world = new World();
    const input = JSON.parse('{"__proto__": {"polluted": true}, "note": "hi"}') as { note: string };
    const data = world.createEntity().add(Tag, input).get(Tag) as Record<string, unknown>;
    expect(Object.getPrototypeOf(data)).toBe(Object.prototype);
    expect(Object.hasOwn(data, '__proto__')).toBe(true);
    expect(data.polluted).toBeUndefined();
    expect(data.note).toBe('hi');
  });

  it('names components by slot, for held ones only', () => {
    const world = new World();
    const e = world.createEntity().add(Pos).add(Vel);
    e.remove(Pos);
    expect(e.componentNames()).toEqual(['FastPathVel']);
    expect(e.getByName('FastPathPos')).toBeUndefined();
    expect(e.getByName('NoSuchComponentAnywhere')).toBeUndefined();
    expect(e.names.filter((n) => n !== undefined)).toEqual(['FastPathVel']);
  });
});

describe('query cache and ids', () => {
  it('returns the cached query for the same components in any order', () => {
    const world = new World();
    const pv = world.query(Pos, Vel);
    expect(world.query(Vel, Pos)).toBe(pv);
    expect(world.query(Pos)).not.toBe(pv);
    expect(world.query(Pos)).toBe(world.query(Pos));
    expect(world.query(Pos, Pos)).toBe(world.query(Pos, Pos));
    expect(world.query(Pos, Pos)).not.toBe(world.query(Pos));
    expect(() => world.query()).toThrow('query() needs at least one component');
  });

  it('gives entities distinct version 4 UUIDs', () => {
    const world = new World();
    const ids = new Set<string>();
    for (let i = 0; i < 5000; i++) {
      const id = world.createEntity().id;
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      ids.add(id);
    }
    expect(ids.size).toBe(5000);
  });
});
