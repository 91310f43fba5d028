/**
 * Finding one's way as a builder: @where (this room's key and where it is
 * written) and @goto (straight to any room). Neither changes any file.
 */
import type { Command, CommandContext } from '../commands/define';
import { runInPack } from '../core/pack-context';
import { packOf, roomEntityKey } from '../content/keys';
import { LOCATION_COMPONENT } from '../content/validate';
import { BuildError, type AreaWriter } from './area-writer';
import { defineBuilderCommand, roomKeyOf, typedKey } from './builder-kit';

/** Runs the `look` a pack registers, as if the player typed it (the builder sees where they landed). */
async function look(ctx: CommandContext): Promise<void> {
  const entry = ctx.engine.commands.resolve('look');
  if (!entry) return;
  const lookCtx: CommandContext = { ...ctx, args: [], rest: '', invokedAs: 'look' };
  const frame = ctx.engine.getPack(entry.packName)?.active?.frame;
  await (frame ? runInPack(frame, () => entry.command.handler(lookCtx)) : entry.command.handler(lookCtx));
}

export function travelCommands(writer: AreaWriter): Command[] {
  const where = defineBuilderCommand(
    {
      name: '@where',
      usage: '@where',
      help: "This room's key, and the area file and line it is written at",
      run(ctx) {
        const key = roomKeyOf(ctx.actor);
        if (!key) throw new BuildError('You are not in a room.');
        const room = ctx.engine.content.lookup().rooms.get(key);
        if (!room) {
          ctx.session.send(`${key}: not written in an area file (a pack's code makes it).`);
          return;
        }
        const exits = Object.entries(room.exits).map(([dir, to]) => `${dir} ${to}`);
        ctx.session.send(`${room.name} [${room.key}] at ${packOf(room.key)}/${room.at.file}:${room.at.line}\nExits: ${exits.length > 0 ? exits.join(', ') : 'none'}`);
      },
    },
    writer,
  );

  const goto = defineBuilderCommand(
    {
      name: '@goto',
      usage: '@goto <room key>',
      help: 'Go straight to a room by its key (the live world only)',
      async run(ctx) {
        const from = roomKeyOf(ctx.actor);
        const target = typedKey(from ? packOf(from) : '', ctx.args[0], 'room');
        const type = ctx.world.componentType(LOCATION_COMPONENT);
        if (!ctx.world.findByKey(roomEntityKey(target)) || !type) throw new BuildError(`No loaded pack has a room '${target}'.`);
        const location = (ctx.actor.getByName(LOCATION_COMPONENT) ?? {}) as Record<string, unknown>;
        ctx.actor.set(type, { ...location, room: target, holder: undefined });
        ctx.world.events.emit('player:moved', { actor: ctx.actor, from, to: target });
        await look(ctx);
      },
    },
    writer,
  );

  return [where, goto];
}
