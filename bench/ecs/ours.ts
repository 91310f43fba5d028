/**
 * The workloads on MAID's own ECS, through its public API only: components
 * from `defineComponent`, systems that ask `world.query(...)` for their
 * entities each time they run (as pack systems do), `entity.write` to change
 * data (which marks the entity for persistence) and `entity.get` to read it.
 *
 * Systems that only change data walk `query.entities`; systems that destroy
 * entities or remove components while walking use `for (const e of query)`,
 * which visits from the end so that is safe (as the Query docs say).
 * `ours-iterator.ts` has the iteration workloads written with `for...of query`
 * throughout, to show what that form costs.
 *
 * One op is one tick's worth of the workload, so it ends the way a tick does:
 * the world's change record is drained (`takeChanges`), as persistence does
 * once a tick. That is work the other libraries do not have; it is counted.
 */
import { defineComponent, type ComponentType } from '../../src/engine/ecs/component';
import type { Entity } from '../../src/engine/ecs/entity';
import { World } from '../../src/engine/ecs/world';
import { LETTERS, digest, entityLine, initialValue, type Instance, type Library, type WorkloadName } from './workloads';

export interface Value {
  value: number;
}

export const def = (name: string): ComponentType<Value> => defineComponent<Value>({ name, defaults: () => ({ value: 0 }) });

export const A = def('A');
export const B = def('B');
export const C = def('C');
export const D = def('D');
export const E = def('E');
export const Data = def('Data');
export const ByLetter = new Map(LETTERS.map((l) => [l, def(l)]));
export const Z = ByLetter.get('Z') as ComponentType<Value>;
const ALL = [A, B, C, D, E, Data, ...ByLetter.values()];

function snapshot(world: World, lastOp: number) {
  const lines: string[] = [];
  for (const e of world.allEntities()) {
    const values = new Map<string, number>();
    for (const t of ALL) {
      const data = e.get(t);
      if (data) values.set(t.name, data.value);
    }
    lines.push(entityLine(values));
  }
  return digest(lines, lastOp);
}

export function spawn(world: World, i: number, types: ComponentType<Value>[]): Entity {
  const e = world.createEntity();
  for (const t of types) e.add(t, { value: initialValue(t.name, i) });
  return e;
}

function instance(world: World, tick: () => number, drain: boolean): Instance {
  world.takeChanges();
  return {
    op: drain
      ? () => {
          const n = tick();
          world.takeChanges();
          return n;
        }
      : tick,
    digest: (lastOp) => snapshot(world, lastOp),
    beforeRound: () => void world.takeChanges(),
  };
}

function packed5(world: World, n: number): () => number {
  for (let i = 0; i < n; i++) spawn(world, i, [A, B, C, D, E]);
  return () => {
    let visits = 0;
    for (const e of world.query(A).entities) {
      e.write(A).value *= 2;
      visits++;
    }
    for (const e of world.query(B).entities) {
      e.write(B).value *= 2;
      visits++;
    }
    for (const e of world.query(C).entities) {
      e.write(C).value *= 2;
      visits++;
    }
    for (const e of world.query(D).entities) {
      e.write(D).value *= 2;
      visits++;
    }
    for (const e of world.query(E).entities) {
      e.write(E).value *= 2;
      visits++;
    }
    return visits;
  };
}

function simpleIter(world: World, n: number): () => number {
  for (let i = 0; i < n; i++) {
    spawn(world, i, [A, B]);
    spawn(world, n + i, [A, B, C]);
    spawn(world, 2 * n + i, [A, B, C, D]);
    spawn(world, 3 * n + i, [A, B, C, E]);
  }
  return () => {
    let visits = 0;
    for (const e of world.query(A, B).entities) {
      const a = e.write(A);
      const b = e.write(B);
      const t = a.value;
      a.value = b.value;
      b.value = t;
      visits++;
    }
    for (const e of world.query(C, D).entities) {
      const c = e.write(C);
      const d = e.write(D);
      const t = c.value;
      c.value = d.value;
      d.value = t;
      visits++;
    }
    for (const e of world.query(C, E).entities) {
      const c = e.write(C);
      const x = e.write(E);
      const t = c.value;
      c.value = x.value;
      x.value = t;
      visits++;
    }
    return visits;
  };
}

function fragIter(world: World, n: number): () => number {
  let i = 0;
  for (const letter of ByLetter.values()) for (let k = 0; k < n; k++) spawn(world, i++, [letter, Data]);
  return () => {
    let visits = 0;
    for (const e of world.query(Data).entities) {
      e.write(Data).value *= 2;
      visits++;
    }
    for (const e of world.query(Z).entities) {
      e.write(Z).value *= 2;
      visits++;
    }
    return visits;
  };
}

function entityCycle(world: World, n: number): () => number {
  for (let i = 0; i < n; i++) spawn(world, i, [A]);
  return () => {
    let count = 0;
    for (const _e of world.query(A).entities) {
      world.createEntity().add(B);
      world.createEntity().add(B);
      count += 2;
    }
    for (const e of world.query(B)) {
      world.destroyEntity(e);
      count++;
    }
    return count;
  };
}

function addRemove(world: World, n: number): () => number {
  for (let i = 0; i < n; i++) spawn(world, i, [A]);
  return () => {
    let count = 0;
    for (const e of world.query(A).entities) {
      e.add(B);
      count++;
    }
    for (const e of world.query(B)) {
      e.remove(B);
      count++;
    }
    return count;
  };
}

export type Build = (world: World, n: number) => () => number;

const BUILD: Record<WorkloadName, Build> = {
  packed_5: packed5,
  simple_iter: simpleIter,
  frag_iter: fragIter,
  entity_cycle: entityCycle,
  add_remove: addRemove,
};

export interface MaidOptions {
  /** Drain the change record each op, as a tick does (default true; false only for comparison). */
  drain?: boolean;
  /** Other implementations of some workloads (same work, another way of writing it). */
  builds?: Partial<Record<WorkloadName, Build>>;
  name?: string;
}

/** MAID's ECS, as a library for the suite. */
export function maid(options: MaidOptions = {}): Library {
  const drain = options.drain ?? true;
  return {
    name: options.name ?? (drain ? 'maid' : 'maid (no drain)'),
    version: 'working tree',
    setup(workload, n) {
      const world = new World();
      const build = options.builds?.[workload] ?? BUILD[workload];
      return instance(world, build(world, n), drain);
    },
  };
}
