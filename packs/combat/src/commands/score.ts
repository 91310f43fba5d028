import { defineCommand } from '@maid/engine';
import { Player, coinsOf, equipmentLines, equipmentList, nameOf } from '@packs/starter-world';
import { Experience } from '../components/experience';
import { Health } from '../components/health';
import { damageFor } from '../systems/combat';
import { MAX_LEVEL, xpForLevel } from '../systems/levels';
import { armourOf, attackOf } from '../systems/stats';

export const score = defineCommand({
  name: 'score',
  aliases: ['sc', 'stats'],
  help: 'Show your level, experience, health, coins and equipment',
  category: 'combat',
  handler({ actor, world, session }) {
    const { xp, level } = actor.get(Experience) ?? { xp: 0, level: 1 };
    const health = actor.get(Health);
    const next = level < MAX_LEVEL ? `; ${xpForLevel(level + 1)} for level ${level + 1}` : '';
    const used = equipmentList(world, actor);
    const lines = [
      `${actor.get(Player)?.name || nameOf(actor)}, level ${level}`,
      `Experience: ${xp}${next}`,
      `Health: ${health ? `${health.current}/${health.max}` : 'none'}`,
      `Coins: ${coinsOf(actor)}`,
      `Attack: ${attackOf(world, actor, damageFor(actor))} damage a blow; armour ${armourOf(world, actor)}`,
      used.length === 0 ? 'Equipment: none' : 'Equipment:',
      ...equipmentLines(used.map(([slot, item]) => [slot, { name: nameOf(item) }])),
    ];
    session.send(lines.join('\n'));
  },
});
