// The ECS benchmark's implementations do the same work: each workload, run
// once on small sizes in every library, leaves the same world behind (every
// entity's components and values) and reports the same count, and the
// iteration workloads match a plain reference computation.
import { describe, expect, it } from 'vitest';
import { bitecs } from '../../bench/ecs/bitecs';
import { miniplex } from '../../bench/ecs/miniplex';
import { maid } from '../../bench/ecs/ours';
import { maidEntityWrite } from '../../bench/ecs/ours-entity-write';
import { maidIterator } from '../../bench/ecs/ours-iterator';
import { LETTERS, SMALL_SIZES, WORKLOADS, entityLine, initialValue, type Digest, type Library, type WorkloadName } from '../../bench/ecs/workloads';

const LIBRARIES: Library[] = [maid(), maid({ drain: false }), maidEntityWrite(), maidIterator(), bitecs, miniplex];

function runOnce(lib: Library, workload: WorkloadName, n: number): { before: Digest; after: Digest } {
  const instance = lib.setup(workload, n);
  const before = instance.digest(0);
  const count = instance.op();
  return { before, after: instance.digest(count) };
}

type Values = Map<string, number>;
const entity = (i: number, names: string[]): Values => new Map(names.map((name) => [name, initialValue(name, i)]));
const lines = (entities: Values[]) => entities.map(entityLine).sort();

/** What one op must leave behind, computed on plain maps. */
function reference(workload: WorkloadName, n: number): Digest | undefined {
  const swap = (e: Values, a: string, b: string) => {
    const t = e.get(a) as number;
    e.set(a, e.get(b) as number);
    e.set(b, t);
  };
  const double = (e: Values, name: string) => e.set(name, (e.get(name) as number) * 2);
  if (workload === 'packed_5') {
    const all = Array.from({ length: n }, (_, i) => entity(i, ['A', 'B', 'C', 'D', 'E']));
    for (const e of all) for (const name of ['A', 'B', 'C', 'D', 'E']) double(e, name);
    return { entities: lines(all), lastOp: 5 * n };
  }
  if (workload === 'simple_iter') {
    const all: Values[] = [];
    for (let i = 0; i < n; i++) all.push(entity(i, ['A', 'B']), entity(n + i, ['A', 'B', 'C']), entity(2 * n + i, ['A', 'B', 'C', 'D']), entity(3 * n + i, ['A', 'B', 'C', 'E']));
    let visits = 0;
    for (const [a, b] of [['A', 'B'], ['C', 'D'], ['C', 'E']] as const)
      for (const e of all)
        if (e.has(a) && e.has(b)) {
          swap(e, a, b);
          visits++;
        }
    return { entities: lines(all), lastOp: visits };
  }
  if (workload === 'frag_iter') {
    const all: Values[] = [];
    let i = 0;
    for (const letter of LETTERS) for (let k = 0; k < n; k++) all.push(entity(i++, [letter, 'Data']));
    for (const e of all) double(e, 'Data');
    for (const e of all) if (e.has('Z')) double(e, 'Z');
    return { entities: lines(all), lastOp: all.length + n };
  }
  return undefined;
}

describe('ECS benchmark workloads do the same work in every library', () => {
  for (const workload of WORKLOADS) {
    const n = SMALL_SIZES[workload];
    it(`${workload}: same world and count after one op`, () => {
      const results = LIBRARIES.map((lib) => ({ lib: lib.name, ...runOnce(lib, workload, n) }));
      const first = results[0];
      expect(first).toBeDefined();
      for (const r of results) {
        expect({ lib: r.lib, before: r.before }).toEqual({ lib: r.lib, before: first?.before });
        expect({ lib: r.lib, after: r.after }).toEqual({ lib: r.lib, after: first?.after });
      }
      const expected = reference(workload, n);
      if (expected) expect(first?.after).toEqual(expected);
      if (workload === 'entity_cycle') {
        // 2 created per A entity, all of them destroyed again: back to the A entities alone.
        expect(first?.after).toEqual({ entities: first?.before.entities, lastOp: 2 * n + 2 * n });
        expect(first?.after.entities).toHaveLength(n);
      }
      if (workload === 'add_remove') {
        expect(first?.after).toEqual({ entities: first?.before.entities, lastOp: 2 * n });
        expect(first?.after.entities.every((line) => /^A=\d+$/.test(line))).toBe(true);
      }
    });
  }

  it('keeps working op after op (the state each op leaves is the next one’s start)', () => {
    for (const workload of ['entity_cycle', 'add_remove'] as const) {
      for (const lib of LIBRARIES) {
        const instance = lib.setup(workload, SMALL_SIZES[workload]);
        const start = instance.digest(0);
        let last = 0;
        for (let k = 0; k < 5; k++) last = instance.op();
        expect(instance.digest(0)).toEqual(start);
        expect(last).toBeGreaterThan(0);
      }
    }
  });
});
