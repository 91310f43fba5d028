// The change record: what persistence is handed once a tick.
import { describe, expect, it } from 'vitest';
import { defineComponent } from './component';
import { World } from './world';

const Thing = defineComponent({ name: 'ChangeRecordThing', defaults: () => ({ n: 0 }) });

describe('the change record', () => {
  it('lists each changed entity once, in the order first changed, without the destroyed', () => {
    const world = new World();
    const [a, b, c] = [1, 2, 3].map((n) => world.createEntity().add(Thing, { n }));
    world.takeChanges();
    c?.write(Thing);
    a?.update(Thing, { n: 10 });
    c?.set(Thing, { n: 30 });
    world.destroyEntity(b!);
    expect(world.takeChanges()).toEqual({ changed: [c, a], destroyed: [b?.id] });
    expect(world.takeChanges()).toEqual({ changed: [], destroyed: [] });
  });

  it('does not keep every destroyed entity in a world whose changes nobody takes', () => {
    const world = new World();
    const kept = Array.from({ length: 100 }, () => world.createEntity().add(Thing));
    for (let i = 0; i < 100_000; i++) world.destroyEntity(world.createEntity().add(Thing));
    expect(world.changes.size).toBeLessThan(2100);
    expect(kept.every((e) => e.dirty)).toBe(true);
    expect(new Set(world.takeChanges().changed)).toEqual(new Set(kept));
  });
});
