import { System, type World } from '@maid/engine';
import { Player, coinsOf } from '@packs/starter-world';
import { Experience } from '../components/experience';
import { MAX_LEVEL, xpForLevel } from './levels';

/**
 * Tells each connected player's client their level, experience and coins
 * (GMCP `Char.Status`, for status bars) whenever one of them changed.
 */
export class StatusSystem extends System {
  override priority = 900;
  override name = 'StatusSystem';
  /** The status last reported to each player, as JSON. */
  private readonly reported = new Map<string, string>();

  constructor(world: World) {
    super(world);
    world.events.on('player:login', ({ actor }: { actor: { id: string } }) => this.reported.delete(actor.id));
  }

  update(): void {
    for (const player of this.world.query(Player)) {
      if (!this.world.isOnline(player.id)) {
        this.reported.delete(player.id);
        continue;
      }
      const { xp, level } = player.get(Experience) ?? { xp: 0, level: 1 };
      const status = { name: player.get(Player)?.name ?? '', level, xp, nextLevelXp: level < MAX_LEVEL ? xpForLevel(level + 1) : null, coins: coinsOf(player) };
      const now = JSON.stringify(status);
      if (this.reported.get(player.id) === now) continue;
      this.reported.set(player.id, now);
      this.world.sendData(player, 'Char.Status', status);
    }
  }
}
