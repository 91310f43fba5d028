/**
 * The workloads on bitECS 0.4, the way its docs recommend: entities are
 * numbers, components are structure-of-arrays stores of typed arrays
 * (`{ value: Float64Array }`), and systems call `query(world, [...])` each
 * time they run.
 */
import { addComponent, addEntity, createWorld, getAllEntities, hasComponent, query, removeComponent, removeEntity, type World } from 'bitecs';
import { LETTERS, digest, entityLine, initialValue, type Instance, type Library, type WorkloadName } from './workloads';
import { packageVersion } from '../lib/machine';

interface Store {
  value: Float64Array;
}

/** Component stores for one world, sized for the entity ids it will use. */
function stores(capacity: number) {
  const make = (): Store => ({ value: new Float64Array(capacity) });
  // The letters A..E of frag_iter are the components A..E, as they are by name in MAID.
  const letters = new Map(LETTERS.map((l) => [l, make()]));
  const get = (l: string) => letters.get(l) as Store;
  return { A: get('A'), B: get('B'), C: get('C'), D: get('D'), E: get('E'), Data: make(), letters };
}
type Stores = ReturnType<typeof stores>;

function snapshot(world: World, s: Stores, lastOp: number) {
  const lines: string[] = [];
  const all: [string, Store][] = [['Data', s.Data], ...s.letters];
  for (const eid of getAllEntities(world)) {
    const values = new Map<string, number>();
    for (const [name, store] of all) if (hasComponent(world, eid, store)) values.set(name, store.value[eid] as number);
    lines.push(entityLine(values));
  }
  return digest(lines, lastOp);
}

function spawn(world: World, i: number, comps: [string, Store][]): number {
  const eid = addEntity(world);
  for (const [name, store] of comps) {
    addComponent(world, eid, store);
    store.value[eid] = initialValue(name, i);
  }
  return eid;
}

function packed5(world: World, s: Stores, n: number): () => number {
  const { A, B, C, D, E } = s;
  for (let i = 0; i < n; i++) spawn(world, i, [['A', A], ['B', B], ['C', C], ['D', D], ['E', E]]);
  return () => {
    let visits = 0;
    for (const eid of query(world, [A])) {
      A.value[eid]! *= 2;
      visits++;
    }
    for (const eid of query(world, [B])) {
      B.value[eid]! *= 2;
      visits++;
    }
    for (const eid of query(world, [C])) {
      C.value[eid]! *= 2;
      visits++;
    }
    for (const eid of query(world, [D])) {
      D.value[eid]! *= 2;
      visits++;
    }
    for (const eid of query(world, [E])) {
      E.value[eid]! *= 2;
      visits++;
    }
    return visits;
  };
}

function simpleIter(world: World, s: Stores, n: number): () => number {
  const { A, B, C, D, E } = s;
  for (let i = 0; i < n; i++) {
    spawn(world, i, [['A', A], ['B', B]]);
    spawn(world, n + i, [['A', A], ['B', B], ['C', C]]);
    spawn(world, 2 * n + i, [['A', A], ['B', B], ['C', C], ['D', D]]);
    spawn(world, 3 * n + i, [['A', A], ['B', B], ['C', C], ['E', E]]);
  }
  return () => {
    let visits = 0;
    for (const eid of query(world, [A, B])) {
      const t = A.value[eid] as number;
      A.value[eid] = B.value[eid] as number;
      B.value[eid] = t;
      visits++;
    }
    for (const eid of query(world, [C, D])) {
      const t = C.value[eid] as number;
      C.value[eid] = D.value[eid] as number;
      D.value[eid] = t;
      visits++;
    }
    for (const eid of query(world, [C, E])) {
      const t = C.value[eid] as number;
      C.value[eid] = E.value[eid] as number;
      E.value[eid] = t;
      visits++;
    }
    return visits;
  };
}

function fragIter(world: World, s: Stores, n: number): () => number {
  const { Data, letters } = s;
  const Z = letters.get('Z') as Store;
  let i = 0;
  for (const [name, store] of letters) for (let k = 0; k < n; k++) spawn(world, i++, [[name, store], ['Data', Data]]);
  return () => {
    let visits = 0;
    for (const eid of query(world, [Data])) {
      Data.value[eid]! *= 2;
      visits++;
    }
    for (const eid of query(world, [Z])) {
      Z.value[eid]! *= 2;
      visits++;
    }
    return visits;
  };
}

function entityCycle(world: World, s: Stores, n: number): () => number {
  const { A, B } = s;
  for (let i = 0; i < n; i++) spawn(world, i, [['A', A]]);
  return () => {
    let count = 0;
    for (const _eid of query(world, [A])) {
      const e1 = addEntity(world);
      addComponent(world, e1, B);
      B.value[e1] = 0;
      const e2 = addEntity(world);
      addComponent(world, e2, B);
      B.value[e2] = 0;
      count += 2;
    }
    for (const eid of query(world, [B])) {
      removeEntity(world, eid);
      count++;
    }
    return count;
  };
}

function addRemove(world: World, s: Stores, n: number): () => number {
  const { A, B } = s;
  for (let i = 0; i < n; i++) spawn(world, i, [['A', A]]);
  return () => {
    let count = 0;
    for (const eid of query(world, [A])) {
      addComponent(world, eid, B);
      B.value[eid] = 0;
      count++;
    }
    for (const eid of query(world, [B])) {
      removeComponent(world, eid, B);
      count++;
    }
    return count;
  };
}

const BUILD: Record<WorkloadName, (world: World, s: Stores, n: number) => () => number> = {
  packed_5: packed5,
  simple_iter: simpleIter,
  frag_iter: fragIter,
  entity_cycle: entityCycle,
  add_remove: addRemove,
};

/** The most entities a workload of size n has alive at once. */
const PEAK: Record<WorkloadName, number> = { packed_5: 1, simple_iter: 4, frag_iter: 26, entity_cycle: 3, add_remove: 1 };

export const bitecs: Library = {
  name: 'bitecs',
  version: packageVersion('bitecs'),
  setup(workload, n): Instance {
    const world = createWorld();
    // Ids start at 1 and are recycled, so the peak count (plus one) bounds them.
    const s = stores(PEAK[workload] * n + 2);
    const op = BUILD[workload](world, s, n);
    return { op, digest: (lastOp) => snapshot(world, s, lastOp) };
  },
};
