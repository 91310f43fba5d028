import { System, type World } from '@maid/engine';

/**
 * A long job done a slice a tick: each update handles at most `perTick`
 * items and leaves the rest for the next tick, so no update comes near the
 * runaway limit however long the queue grows.
 */
export class DecaySystem extends System {
  override name = 'DecaySystem';
  readonly queue: string[] = [];
  readonly done: string[] = [];

  constructor(
    world: World,
    private readonly perTick = 500,
  ) {
    super(world);
  }

  update(): void {
    const slice = this.queue.splice(0, this.perTick);
    for (const item of slice) this.done.push(item.toUpperCase());
  }
}
