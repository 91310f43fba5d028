import { System, type World } from '@maid/engine';
import { Player } from '@packs/starter-world';
import { Health } from '../components/health';

/**
 * Tells each connected player's client their health (GMCP `Char.Vitals`,
 * for gauges) whenever it changed, whatever changed it.
 */
export class VitalsSystem extends System {
  override priority = 900;
  override name = 'VitalsSystem';
  /** "current/max" last reported to each player. */
  private readonly reported = new Map<string, string>();

  constructor(world: World) {
    super(world);
    world.events.on('player:login', ({ actor }: { actor: { id: string } }) => this.reported.delete(actor.id));
  }

  update(): void {
    for (const player of this.world.query(Player, Health)) {
      if (!this.world.isOnline(player.id)) {
        this.reported.delete(player.id);
        continue;
      }
      const health = player.get(Health);
      if (!health) continue;
      const now = `${health.current}/${health.max}`;
      if (this.reported.get(player.id) === now) continue;
      this.reported.set(player.id, now);
      this.world.sendData(player, 'Char.Vitals', { hp: health.current, maxhp: health.max });
    }
  }
}
