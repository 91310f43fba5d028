import { UsageError, defineCommand, escapeMarkup, type Entity, type PlayerSession, type World } from '@maid/engine';
import { Player } from '../components';
import { Conversation } from '../components/game';
import { nameOf, roomKeyOf, tellRoom } from '../world/places';

/** Online players, by name. */
function onlinePlayers(world: World): Entity[] {
  return world.query(Player).entities.filter((e) => world.isOnline(e.id));
}

/** The online player a name means: an exact name first, else the one it starts. */
export function findPlayer(world: World, name: string): Entity | undefined {
  const wanted = name.toLowerCase();
  const online = onlinePlayers(world);
  const named = (e: Entity) => (e.get(Player)?.name ?? '').toLowerCase();
  return online.find((e) => named(e) === wanted) ?? online.find((e) => named(e).startsWith(wanted));
}

/** Sends one player a line from another, and lets the receiver `reply`. */
function tellTo(world: World, actor: Entity, session: PlayerSession, target: Entity, said: string): void {
  if (target === actor) {
    session.send('You mutter to yourself.');
    return;
  }
  const text = escapeMarkup(said.trim());
  session.send(`You tell ${nameOf(target)}, "${text}"`);
  world.send(target, `{magenta}${nameOf(actor)} tells you, "${text}"{reset}`);
  target.set(Conversation, { replyTo: nameOf(actor) });
}

export const tell = defineCommand({
  name: 'tell',
  usage: 'tell <player> <message>',
  help: 'Say something to one player, wherever they are',
  category: 'communication',
  handler({ actor, rest, world, session }) {
    const match = /^(\S+)\s+(.+)$/s.exec(rest.trim());
    if (!match) throw new UsageError('Tell whom what? Usage: tell <player> <message>');
    const [, who, said] = match as unknown as [string, string, string];
    const target = findPlayer(world, who);
    if (!target) {
      session.send(`No one called '${escapeMarkup(who)}' is online.`);
      return;
    }
    tellTo(world, actor, session, target, said);
  },
});

export const reply = defineCommand({
  name: 'reply',
  aliases: ['r'],
  usage: 'reply <message>',
  help: 'Answer the last player who told you something',
  category: 'communication',
  handler({ actor, rest, world, session }) {
    if (rest.trim() === '') throw new UsageError('Reply what? Usage: reply <message>');
    const name = actor.get(Conversation)?.replyTo ?? '';
    if (name === '') {
      session.send('No one has told you anything yet.');
      return;
    }
    const target = findPlayer(world, name);
    if (!target || nameOf(target) !== name) {
      session.send(`${name} is not online.`);
      return;
    }
    tellTo(world, actor, session, target, rest);
  },
});

export const emote = defineCommand({
  name: 'emote',
  aliases: ['me'],
  usage: 'emote <action>',
  help: 'Show the room what you do: emote waves.',
  category: 'communication',
  handler({ actor, rest, world, session }) {
    const action = escapeMarkup(rest.trim());
    if (action === '') throw new UsageError('Emote what? Usage: emote <action>');
    const line = `${nameOf(actor)} ${action}`;
    session.send(line);
    const room = roomKeyOf(actor);
    if (room) tellRoom(world, room, line, [actor]);
  },
});

export const chat = defineCommand({
  name: 'chat',
  aliases: ['ooc'],
  usage: 'chat <message>',
  help: 'Talk on the public channel: every player online hears it',
  category: 'communication',
  handler({ actor, rest, world }) {
    const text = escapeMarkup(rest.trim());
    if (text === '') throw new UsageError('Chat what? Usage: chat <message>');
    for (const player of onlinePlayers(world)) world.send(player, `{yellow}[chat] ${nameOf(actor)}: ${text}{reset}`);
  },
});
