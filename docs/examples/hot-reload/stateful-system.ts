import { System, type StatefulSystem, type World } from '@maid/engine';

interface Fight {
  attacker: string;
  target: string;
  rounds: number;
}

// Keeps fights and cooldowns in memory. captureState/restoreState hand them
// from the old version of the system to the new one on every hot reload.
export class DuelSystem extends System implements StatefulSystem {
  override priority = 50;
  override name = 'DuelSystem';
  private activeFights = new Map<string, Fight>();
  private cooldowns = new Map<string, number>();

  constructor(world: World) {
    super(world);
  }

  start(attacker: string, target: string): void {
    this.activeFights.set(attacker, { attacker, target, rounds: 0 });
    this.cooldowns.set(attacker, 2);
  }

  captureState(): Record<string, unknown> {
    return {
      activeFights: Object.fromEntries(this.activeFights),
      cooldowns: Object.fromEntries(this.cooldowns),
    };
  }

  restoreState(state: Record<string, unknown>): void {
    this.activeFights = new Map(Object.entries((state.activeFights ?? {}) as Record<string, Fight>));
    this.cooldowns = new Map(Object.entries((state.cooldowns ?? {}) as Record<string, number>));
  }

  update(delta: number): void {
    for (const [id, left] of this.cooldowns) this.cooldowns.set(id, Math.max(0, left - delta));
  }
}
