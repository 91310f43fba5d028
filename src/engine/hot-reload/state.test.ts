import { describe, expect, it } from 'vitest';
import { System, World, type StatefulSystem } from '../index';
import { captureStates, restoreStates } from './state';

class Counter extends System implements StatefulSystem {
  override name = 'Counter';
  count = 0;
  stateVersion?: number;
  update() {
    this.count++;
  }
  captureState() {
    return { count: this.count };
  }
  restoreState(state: Record<string, unknown>) {
    this.count = Number(state.count);
  }
}

class Stateless extends System {
  update() {}
}

describe('handing StatefulSystem state to the next version', () => {
  const world = new World();

  it('matches systems by name; a new system gets nothing, a removed one is reported', () => {
    const old = new Counter(world);
    old.count = 7;
    class Gone extends Counter {
      override name = 'Gone';
    }
    const gone = new Gone(world);
    gone.count = 3;
    const captured = captureStates([old, gone, new Stateless(world)]);
    expect([...captured.keys()]).toEqual(['Counter', 'Gone']);

    class Fresh extends Counter {
      override name = 'Fresh';
    }
    const next = new Counter(world);
    const fresh = new Fresh(world);
    const diff = restoreStates([next, fresh], captured);
    expect(next.count).toBe(7);
    expect(fresh.count).toBe(0);
    expect(diff).toEqual({
      Counter: { before: { count: 7 }, after: { count: 7 } },
      Fresh: { before: {}, after: { count: 0 }, added: true },
      Gone: { before: { count: 3 }, after: null, removed: true },
    });
  });

  it('carries state through migrateState when the state version rose', () => {
    const old = new Counter(world);
    old.count = 5;
    const captured = captureStates([old]);
    class CounterV2 extends Counter {
      override stateVersion = 2;
      migrateState(state: Record<string, unknown>, from: number) {
        return from === 1 ? { count: Number(state.count) * 10 } : state;
      }
    }
    const next = new CounterV2(world);
    restoreStates([next], captured);
    expect(next.count).toBe(50);

    class CounterV3 extends Counter {
      override stateVersion = 3;
    }
    expect(() => restoreStates([new CounterV3(world)], captured)).toThrow('Counter changed its state version from 1 to 3 but has no migrateState()');
  });

  it('captures deep copies, so the old version cannot change what the new one gets', () => {
    const old = new Counter(world);
    const captured = captureStates([old]);
    old.count = 99;
    expect(captured.get('Counter')?.state).toEqual({ count: 0 });
  });
});
