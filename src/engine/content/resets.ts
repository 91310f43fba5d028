import type { World } from '../ecs/world';
import { createInstance } from './instances';
import { spawnEntityKey } from './keys';
import { resolveComponents, type ContentLookup } from './lookup';
import type { SpawnDef } from './types';

/** Seconds between two looks for destroyed instances: respawn times are whole seconds, not ticks. */
const CHECK_EVERY = 1;

/**
 * Zone resets: an instance of a spawn with a respawn time that was
 * destroyed (eaten, turned into a corpse) comes back that many seconds
 * after it was found missing. Instances carried off keep existing, so they
 * never come back twice.
 */
export class SpawnResets {
  private readonly timers = new Map<string, number>();
  private since = 0;

  tick(world: World, delta: number, spawns: readonly (SpawnDef & { packName: string })[], lookup: () => ContentLookup): void {
    this.since += delta;
    if (this.since < CHECK_EVERY) return;
    const step = this.since;
    this.since = 0;
    for (const spawn of spawns) {
      for (let n = 1; n <= spawn.count; n++) {
        const key = spawnEntityKey(spawn.key, n);
        if (world.findByKey(key)) {
          this.timers.delete(key);
          continue;
        }
        const left = (this.timers.get(key) ?? spawn.respawn ?? 0) - step;
        if (left > 0) {
          this.timers.set(key, left);
          continue;
        }
        this.timers.delete(key);
        const entity = createInstance(world, spawn, n, resolveComponents(spawn.prototype, lookup().prototypes));
        world.events.emit('content:spawned', { entity, spawn: spawn.key, room: spawn.room });
      }
    }
  }

  /** Forgets the waits of spawns that are gone. */
  keepOnly(keys: ReadonlySet<string>): void {
    for (const key of this.timers.keys()) if (!keys.has(key.split('#')[0] as string)) this.timers.delete(key);
  }
}
