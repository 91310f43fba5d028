/**
 * The workloads on MAID's ECS, through its public API only: components from
 * `defineComponent`, systems that ask `world.query(...)` for their entities
 * each time they run (as pack systems do), and the form the pack-authoring
 * docs recommend for loops over many entities: the query's columns,
 * `query.write(T)` (that component's data for every member, aligned with
 * `query.entities`, every member marked changed for persistence).
 *
 * Systems that destroy entities or remove components while walking use
 * `for (const e of query)`, which visits from the end so that is safe (as
 * the Query docs say). Other forms of the iteration workloads are measured
 * beside this one: `ours-entity-write.ts` (one `entity.write(T)` per entity)
 * and `ours-iterator.ts` (the same with `for...of query`).
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

// Each system is its own loop (as a pack's systems are), so each loop sees
// one component's data objects only.

function packed5(world: World, n: number): () => number {
  for (let i = 0; i < n; i++) spawn(world, i, [A, B, C, D, E]);
  return () => {
    let visits = 0;
    const as = world.query(A).write(A);
    for (let i = 0; i < as.length; i++) (as[i] as Value).value *= 2;
    visits += as.length;
    const bs = world.query(B).write(B);
    for (let i = 0; i < bs.length; i++) (bs[i] as Value).value *= 2;
    visits += bs.length;
    const cs = world.query(C).write(C);
    for (let i = 0; i < cs.length; i++) (cs[i] as Value).value *= 2;
    visits += cs.length;
    const ds = world.query(D).write(D);
    for (let i = 0; i < ds.length; i++) (ds[i] as Value).value *= 2;
    visits += ds.length;
    const es = world.query(E).write(E);
    for (let i = 0; i < es.length; i++) (es[i] as Value).value *= 2;
    visits += es.length;
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
    const ab = world.query(A, B);
    const aData = ab.write(A);
    const bData = ab.write(B);
    for (let i = 0; i < aData.length; i++) {
      const x = aData[i] as Value;
      const y = bData[i] as Value;
      const t = x.value;
      x.value = y.value;
      y.value = t;
    }
    visits += aData.length;
    const cd = world.query(C, D);
    const cData = cd.write(C);
    const dData = cd.write(D);
    for (let i = 0; i < cData.length; i++) {
      const x = cData[i] as Value;
      const y = dData[i] as Value;
      const t = x.value;
      x.value = y.value;
      y.value = t;
    }
    visits += cData.length;
    const ce = world.query(C, E);
    const cData2 = ce.write(C);
    const eData = ce.write(E);
    for (let i = 0; i < cData2.length; i++) {
      const x = cData2[i] as Value;
      const y = eData[i] as Value;
      const t = x.value;
      x.value = y.value;
      y.value = t;
    }
    visits += cData2.length;
    return visits;
  };
}

function fragIter(world: World, n: number): () => number {
  let i = 0;
  for (const letter of ByLetter.values()) for (let k = 0; k < n; k++) spawn(world, i++, [letter, Data]);
  return () => {
    let visits = 0;
    const datas = world.query(Data).write(Data);
    for (let i = 0; i < datas.length; i++) (datas[i] as Value).value *= 2;
    visits += datas.length;
    const zs = world.query(Z).write(Z);
    for (let i = 0; i < zs.length; i++) (zs[i] as Value).value *= 2;
    visits += zs.length;
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
