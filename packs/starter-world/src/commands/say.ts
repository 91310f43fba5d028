import { UsageError, defineCommand, escapeMarkup } from '@maid/engine';
import { nameOf, roomKeyOf, tellRoom } from '../world/places';

export const say = defineCommand({
  name: 'say',
  usage: 'say <message>',
  help: "Say something to everyone in the room (or start the line with ')",
  category: 'communication',
  handler({ actor, rest, world, session }) {
    // What a player types is text, never colour markup: `{red}` shows as typed.
    const text = escapeMarkup(rest.trim());
    if (text === '') throw new UsageError('Say what? Usage: say <message>');
    session.send(`You say, "${text}"`);
    const room = roomKeyOf(actor);
    if (room) tellRoom(world, room, `${nameOf(actor)} says, "${text}"`, [actor]);
  },
});
