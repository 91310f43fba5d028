/**
 * The iteration workloads on MAID's ECS written one entity at a time: walk
 * `world.query(...).entities` and change each entity's data through
 * `entity.write(T)`, which marks that entity changed. Same work as ours.ts,
 * which walks the query's columns (`query.write(T)`) instead; a separate
 * module so each form has its own optimised code.
 */
import type { World } from '../../src/engine/ecs/world';
import { A, B, C, D, Data, E, Z, maid, spawn, ByLetter, type Build } from './ours';
import type { Library } from './workloads';

const packed5: Build = (world: World, n: number) => {
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
};

const simpleIter: Build = (world: World, n: number) => {
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
};

const fragIter: Build = (world: World, n: number) => {
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
};

export function maidEntityWrite(): Library {
  return maid({ name: 'maid (entity.write)', builds: { packed_5: packed5, simple_iter: simpleIter, frag_iter: fragIter } });
}
