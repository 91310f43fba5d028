import type { World } from '../ecs/world';

/**
 * Game logic run once a tick. Lower `priority` runs first. `update` gets the
 * real seconds elapsed since the previous tick and may be async (the tick
 * awaits it before running the next system).
 */
export abstract class System {
  priority = 100;
  /** The name a system is known by in logs and across reloads; defaults to its class name. */
  name?: string;

  constructor(readonly world: World) {}

  abstract update(delta: number): void | Promise<void>;
  onStart?(): void | Promise<void>;
  onStop?(): void | Promise<void>;
}

/**
 * A system whose in-memory state must survive a hot reload. Checked by shape,
 * not by base class: any system with these two methods is stateful.
 */
export interface StatefulSystem {
  captureState(): Record<string, unknown>;
  restoreState(state: Record<string, unknown>): void;
  /** Version of the captured state's shape; raise it when the shape changes. */
  stateVersion?: number;
  /** Carries state captured by an older version forward; called before restoreState. */
  migrateState?(state: Record<string, unknown>, fromVersion: number): Record<string, unknown>;
}

export function isStatefulSystem(system: unknown): system is StatefulSystem {
  const s = system as Partial<StatefulSystem> | null;
  return typeof s === 'object' && s !== null && typeof s.captureState === 'function' && typeof s.restoreState === 'function';
}

export function systemName(system: System): string {
  return system.name ?? system.constructor.name;
}

export function isSystem(value: unknown): value is System {
  const s = value as System | null;
  return typeof s === 'object' && s !== null && typeof s.update === 'function';
}
