import { describe, expect, it } from 'vitest';
import { defineComponent, World } from '../index';

const Position = defineComponent({ name: 'Position', defaults: () => ({ x: 0, y: 0 }) });
const Velocity = defineComponent({ name: 'Velocity', defaults: () => ({ dx: 0, dy: 0 }) });

describe('World and entities', () => {
  it('gives entities UUIDs and fills missing fields from defaults', () => {
    const world = new World();
    const e = world.createEntity();
    expect(e.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    e.add(Position, { x: 3 });
    expect(e.get(Position)).toEqual({ x: 3, y: 0 });
    expect(e.has(Velocity)).toBe(false);
    e.update(Position, { y: 7 });
    expect(e.get(Position)).toEqual({ x: 3, y: 7 });
    expect(() => e.write(Velocity)).toThrow(`Entity ${e.id} has no Velocity component`);
    expect(world.getEntity(e.id)).toBe(e);
  });

  it('keeps queries current as components come and go, without scanning', () => {
    const world = new World();
    const moving = world.query(Position, Velocity);
    const a = world.createEntity().add(Position).add(Velocity);
    const b = world.createEntity().add(Position);
    const c = world.createEntity().add(Position).add(Velocity);
    expect(new Set(moving)).toEqual(new Set([a, c]));
    b.add(Velocity);
    expect(moving.size).toBe(3);
    a.remove(Velocity);
    expect(new Set(moving)).toEqual(new Set([b, c]));
    world.destroyEntity(c);
    expect([...moving]).toEqual([b]);
    expect(world.query(Velocity, Position)).toBe(moving);
  });

  it('lets the visited entity remove itself while iterating', () => {
    const world = new World();
    const q = world.query(Position);
    for (let i = 0; i < 10; i++) world.createEntity().add(Position, { x: i });
    const seen: number[] = [];
    for (const e of q) {
      seen.push(e.require(Position).x);
      if (e.require(Position).x % 2 === 0) world.destroyEntity(e);
    }
    expect(seen.sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(q.size).toBe(5);
  });

  it('finds data by component name, not by the definition object', () => {
    const world = new World();
    const e = world.createEntity().add(Position, { x: 1, y: 2 });
    const reloaded = defineComponent({ name: 'Position', version: 2, defaults: () => ({ x: 0, y: 0, z: 0 }) });
    expect(e.get(reloaded)).toEqual({ x: 1, y: 2 });
    expect(world.query(reloaded).has(e)).toBe(true);
  });

  it('tracks changes for persistence and serialises with versions', () => {
    const world = new World();
    const e = world.createEntity({ key: 'thing' }).add(Position, { x: 5 });
    world.registerComponent(Position, 'test');
    const first = world.takeChanges();
    expect(first.changed).toEqual([e]);
    expect(world.takeChanges().changed).toEqual([]);
    e.write(Position).x = 6;
    expect(world.takeChanges().changed).toEqual([e]);
    world.destroyEntity(e);
    expect(world.takeChanges()).toEqual({ changed: [], destroyed: [e.id] });
    expect(world.snapshotEntity(e)).toEqual({ id: e.id, key: 'thing', components: { Position: { version: 1, data: { x: 6, y: 0 } } } });
    const copy = new World().restoreEntity(world.snapshotEntity(e));
    expect(copy.get(Position)).toEqual({ x: 6, y: 0 });
  });

  it('refuses duplicate keys and a component name owned by another pack', () => {
    const world = new World();
    world.createEntity({ key: 'room:a' });
    expect(() => world.createEntity({ key: 'room:a' })).toThrow('An entity with key "room:a" already exists');
    expect(world.ensureEntity('room:a')).toBe(world.findByKey('room:a'));
    world.registerComponent(Position, 'one');
    expect(() => world.registerComponent(Position, 'two')).toThrow('Component "Position" of pack "two" clashes with the one of pack "one"');
  });

  it('rejects malformed component definitions with a clear message', () => {
    expect(() => defineComponent({ name: '9lives', defaults: () => ({}) })).toThrow(/name must start with a letter/);
    expect(() => defineComponent({ name: 'A', version: 0, defaults: () => ({}) })).toThrow(/version must be a positive integer/);
  });
});

describe('world journal', () => {
  it('puts back exactly what a transaction changed, created and destroyed', () => {
    const world = new World();
    const q = world.query(Position);
    const kept = world.createEntity({ key: 'kept' }).add(Position, { x: 1, y: 1 });
    const doomed = world.createEntity({ key: 'doomed' }).add(Position, { x: 2, y: 2 }).add(Velocity, { dx: 1, dy: 0 });
    const journal = world.beginJournal();
    kept.write(Position).x = 100;
    kept.add(Velocity, { dx: 5 });
    kept.update(Position, { y: 50 });
    world.destroyEntity(doomed);
    const born = world.createEntity({ key: 'born' }).add(Position);
    expect(() => world.beginJournal()).toThrow('A world journal is already open');
    journal.rollback();
    expect(kept.get(Position)).toEqual({ x: 1, y: 1 });
    expect(kept.has(Velocity)).toBe(false);
    expect(world.findByKey('doomed')).toBe(doomed);
    expect(doomed.get(Velocity)).toEqual({ dx: 1, dy: 0 });
    expect(world.findByKey('born')).toBeUndefined();
    expect(world.getEntity(born.id)).toBeUndefined();
    expect(new Set(q)).toEqual(new Set([kept, doomed]));
    expect(world.journal).toBeUndefined();
  });

  it('puts back data replaced with set(), as the data it replaced', () => {
    const world = new World();
    const e = world.createEntity().add(Position, { x: 1, y: 2 });
    const journal = world.beginJournal();
    e.set(Position, { x: 7, y: 7 });
    journal.rollback();
    expect(e.get(Position)).toEqual({ x: 1, y: 2 });
  });

  it('keeps the changes on commit', () => {
    const world = new World();
    const e = world.createEntity().add(Position, { x: 1 });
    const journal = world.beginJournal();
    e.update(Position, { x: 9 });
    journal.commit();
    journal.rollback();
    expect(e.get(Position)?.x).toBe(9);
  });
});
