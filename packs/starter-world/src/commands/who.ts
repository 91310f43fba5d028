import { defineCommand } from '@maid/engine';
import { Player } from '../components';

export const who = defineCommand({
  name: 'who',
  help: 'List the players who are online',
  category: 'communication',
  handler({ world, session }) {
    const names = world
      .query(Player)
      .entities.filter((e) => world.isOnline(e.id))
      .map((e) => e.get(Player)?.name ?? '?')
      .sort();
    session.send([`Players online (${names.length}):`, ...names.map((n) => `  ${n}`)].join('\n'));
  },
});
