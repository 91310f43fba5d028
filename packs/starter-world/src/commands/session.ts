import { defineCommand } from '@maid/engine';
import { nameOf, roomKeyOf, tellRoom } from '../world/places';

export const help = defineCommand({
  name: 'help',
  aliases: ['commands'],
  usage: 'help [command]',
  help: 'List the commands, or explain one',
  category: 'general',
  handler({ args, engine, session }) {
    session.send(engine.commands.helpText(args[0]));
  },
});

export const quit = defineCommand({
  name: 'quit',
  help: 'Leave the game (your character is saved)',
  category: 'general',
  handler({ actor, world, session }) {
    const room = roomKeyOf(actor);
    if (room) tellRoom(world, room, `${nameOf(actor)} leaves the game.`, [actor]);
    world.events.emit('player:quit', { actor });
    if (session.close) session.close('Goodbye! Your character has been saved.');
    else session.send('Goodbye! Your character has been saved.');
  },
});
