/**
 * The workloads on miniplex 2, the way its README recommends: entities are
 * plain objects whose properties are the components (here `{ value }`
 * objects, like MAID's component data), queries are made once with
 * `world.with(...)` and reused, and iterated with `for...of`.
 */
import { World } from 'miniplex';
import { packageVersion } from '../lib/machine';
import { LETTERS, digest, entityLine, initialValue, type Instance, type Library, type WorkloadName } from './workloads';

interface Value {
  value: number;
}

type Components = 'A' | 'B' | 'C' | 'D' | 'E' | 'Data' | 'F' | 'G' | 'H' | 'I' | 'J' | 'K' | 'L' | 'M' | 'N' | 'O' | 'P' | 'Q' | 'R' | 'S' | 'T' | 'U' | 'V' | 'W' | 'X' | 'Y' | 'Z';
type Ent = Partial<Record<Components, Value>>;

function snapshot(world: World<Ent>, lastOp: number) {
  const lines: string[] = [];
  for (const e of world.entities) {
    const values = new Map<string, number>();
    for (const [name, data] of Object.entries(e)) if (data) values.set(name, data.value);
    lines.push(entityLine(values));
  }
  return digest(lines, lastOp);
}

function make(i: number, names: Components[]): Ent {
  const e: Ent = {};
  for (const name of names) e[name] = { value: initialValue(name, i) };
  return e;
}

function packed5(world: World<Ent>, n: number): () => number {
  for (let i = 0; i < n; i++) world.add(make(i, ['A', 'B', 'C', 'D', 'E']));
  const withA = world.with('A');
  const withB = world.with('B');
  const withC = world.with('C');
  const withD = world.with('D');
  const withE = world.with('E');
  return () => {
    let visits = 0;
    for (const e of withA) {
      e.A.value *= 2;
      visits++;
    }
    for (const e of withB) {
      e.B.value *= 2;
      visits++;
    }
    for (const e of withC) {
      e.C.value *= 2;
      visits++;
    }
    for (const e of withD) {
      e.D.value *= 2;
      visits++;
    }
    for (const e of withE) {
      e.E.value *= 2;
      visits++;
    }
    return visits;
  };
}

function simpleIter(world: World<Ent>, n: number): () => number {
  for (let i = 0; i < n; i++) {
    world.add(make(i, ['A', 'B']));
    world.add(make(n + i, ['A', 'B', 'C']));
    world.add(make(2 * n + i, ['A', 'B', 'C', 'D']));
    world.add(make(3 * n + i, ['A', 'B', 'C', 'E']));
  }
  const ab = world.with('A', 'B');
  const cd = world.with('C', 'D');
  const ce = world.with('C', 'E');
  return () => {
    let visits = 0;
    for (const e of ab) {
      const t = e.A.value;
      e.A.value = e.B.value;
      e.B.value = t;
      visits++;
    }
    for (const e of cd) {
      const t = e.C.value;
      e.C.value = e.D.value;
      e.D.value = t;
      visits++;
    }
    for (const e of ce) {
      const t = e.C.value;
      e.C.value = e.E.value;
      e.E.value = t;
      visits++;
    }
    return visits;
  };
}

function fragIter(world: World<Ent>, n: number): () => number {
  let i = 0;
  for (const letter of LETTERS as Components[]) for (let k = 0; k < n; k++) world.add(make(i++, [letter, 'Data']));
  const withData = world.with('Data');
  const withZ = world.with('Z');
  return () => {
    let visits = 0;
    for (const e of withData) {
      e.Data.value *= 2;
      visits++;
    }
    for (const e of withZ) {
      e.Z.value *= 2;
      visits++;
    }
    return visits;
  };
}

function entityCycle(world: World<Ent>, n: number): () => number {
  for (let i = 0; i < n; i++) world.add(make(i, ['A']));
  const withA = world.with('A');
  const withB = world.with('B');
  return () => {
    let count = 0;
    for (const _e of withA) {
      world.add({ B: { value: 0 } });
      world.add({ B: { value: 0 } });
      count += 2;
    }
    for (const e of withB) {
      world.remove(e);
      count++;
    }
    return count;
  };
}

function addRemove(world: World<Ent>, n: number): () => number {
  for (let i = 0; i < n; i++) world.add(make(i, ['A']));
  const withA = world.with('A');
  const withB = world.with('B');
  return () => {
    let count = 0;
    for (const e of withA) {
      world.addComponent(e, 'B', { value: 0 });
      count++;
    }
    for (const e of withB) {
      world.removeComponent(e, 'B');
      count++;
    }
    return count;
  };
}

const BUILD: Record<WorkloadName, (world: World<Ent>, n: number) => () => number> = {
  packed_5: packed5,
  simple_iter: simpleIter,
  frag_iter: fragIter,
  entity_cycle: entityCycle,
  add_remove: addRemove,
};

export const miniplex: Library = {
  name: 'miniplex',
  version: packageVersion('miniplex'),
  setup(workload, n): Instance {
    const world = new World<Ent>();
    const op = BUILD[workload](world, n);
    return { op, digest: (lastOp) => snapshot(world, lastOp) };
  },
};
