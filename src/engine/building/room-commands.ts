/**
 * The building commands that change content: @dig, @open, @close, @desc.
 * Each writes the owning pack's area file (see area-writer.ts); the
 * reload that the save causes puts the change in the world.
 */
import type { Command } from '../commands/define';
import { packOf, roomEntityKey } from '../content/keys';
import type { RoomDef } from '../content/types';
import { BuildError, type AreaWriter } from './area-writer';
import { defineBuilderCommand, direction, freeRoomKey, hereRoom, OPPOSITE, roomName, typedKey, writtenKey } from './builder-kit';

const NEW_ROOM_DESCRIPTION = 'A new room, not yet described.';
const MAX_DESCRIPTION = 2000;

function local(room: RoomDef): string {
  return writtenKey(packOf(room.key), room.key);
}

function refuseTaken(room: RoomDef, dir: string): void {
  const to = room.exits[dir as keyof RoomDef['exits']];
  if (to) throw new BuildError(`${room.name} already has an exit ${dir} (to ${to}): @close ${dir} first.`);
}

export function roomCommands(writer: AreaWriter): Command[] {
  const dig = defineBuilderCommand(
    {
      name: '@dig',
      usage: '@dig <direction> <name>',
      help: 'Dig a new room in a direction, with exits both ways (writes the area file)',
      run(ctx) {
        const here = hereRoom(ctx);
        const dir = direction(ctx.args[0]);
        refuseTaken(here, dir);
        const name = roomName(ctx.rest.replace(/^\S+\s*/, ''));
        const packName = packOf(here.key);
        const lookup = ctx.engine.content.lookup();
        const key = freeRoomKey(packName, name, (k) => lookup.rooms.has(k) || lookup.prototypes.has(k) || lookup.spawns.has(k));
        const back = OPPOSITE[dir];
        writer.write(
          {
            packName,
            file: here.at.file,
            edit(text) {
              text.addRoom({ key, name, description: NEW_ROOM_DESCRIPTION, exits: { [back]: local(here) } });
              text.setExit(local(here), dir, key);
            },
            check(area) {
              const made = area.rooms.find((r) => r.key === `${packName}:${key}`);
              const from = area.rooms.find((r) => r.key === here.key);
              return made?.exits[back] === here.key && from?.exits[dir] === made.key ? undefined : 'the new room or its exits are missing';
            },
            applied: `${name} is dug: it lies ${dir} of ${here.name}, and ${back} leads back.`,
          },
          ctx.actor,
        );
        ctx.session.send(`You dig ${dir}: ${name} (${packName}:${key}), written to ${packName}/${here.at.file}. It appears when the reload applies it.`);
      },
    },
    writer,
  );

  const open = defineBuilderCommand(
    {
      name: '@open',
      usage: '@open <direction> <room key>',
      help: 'Open an exit from this room to another, one way (writes the area file)',
      run(ctx) {
        const here = hereRoom(ctx);
        const dir = direction(ctx.args[0]);
        const packName = packOf(here.key);
        const target = typedKey(packName, ctx.args[1], 'room');
        if (ctx.args.length > 2) throw new BuildError('Usage: @open <direction> <room key> (a key has no spaces).');
        refuseTaken(here, dir);
        const to = ctx.engine.content.lookup().rooms.get(target);
        if (!to || !ctx.world.findByKey(roomEntityKey(target))) throw new BuildError(`No loaded pack has a room '${target}'.`);
        writer.write(
          {
            packName,
            file: here.at.file,
            edit: (text) => text.setExit(local(here), dir, writtenKey(packName, target)),
            check: (area) => (area.rooms.find((r) => r.key === here.key)?.exits[dir] === target ? undefined : 'the exit is missing'),
            applied: `The exit ${dir} from ${here.name} to ${to.name} is open.`,
          },
          ctx.actor,
        );
        ctx.session.send(`You open an exit ${dir} to ${to.name} (${target}), written to ${packName}/${here.at.file}.`);
      },
    },
    writer,
  );

  const close = defineBuilderCommand(
    {
      name: '@close',
      usage: '@close <direction>',
      help: "Close this room's exit in a direction (writes the area file)",
      run(ctx) {
        const here = hereRoom(ctx);
        const dir = direction(ctx.args[0]);
        const to = here.exits[dir];
        if (!to) throw new BuildError(`${here.name} has no exit ${dir}.`);
        const packName = packOf(here.key);
        writer.write(
          {
            packName,
            file: here.at.file,
            edit(text) {
              if (!text.removeExit(local(here), dir)) throw new BuildError(`The exit ${dir} of ${here.name} is not written in its entry.`);
            },
            check: (area) => (area.rooms.find((r) => r.key === here.key)?.exits[dir] === undefined ? undefined : 'the exit is still there'),
            applied: `The exit ${dir} from ${here.name} is closed.`,
          },
          ctx.actor,
        );
        ctx.session.send(`You close the exit ${dir} (to ${to}), written to ${packName}/${here.at.file}.`);
      },
    },
    writer,
  );

  const desc = defineBuilderCommand(
    {
      name: '@desc',
      usage: '@desc <text>',
      help: "Rewrite this room's description (writes the area file)",
      run(ctx) {
        const here = hereRoom(ctx);
        const text = ctx.rest.trim().replace(/\s+/g, ' ');
        if (text === '') throw new BuildError('Usage: @desc <text> (the new description of this room).');
        // eslint-disable-next-line no-control-regex
        if (/[\u0000-\u001f\u007f]/.test(text)) throw new BuildError('A description cannot hold control characters.');
        if (text.length > MAX_DESCRIPTION) throw new BuildError(`A description is at most ${MAX_DESCRIPTION} characters (that one has ${text.length}).`);
        const packName = packOf(here.key);
        writer.write(
          {
            packName,
            file: here.at.file,
            edit: (t) => t.setDescription(local(here), text),
            check: (area) => (area.rooms.find((r) => r.key === here.key)?.description === text ? undefined : 'the description reads back differently'),
            applied: `The description of ${here.name} is rewritten: 'look' shows it.`,
          },
          ctx.actor,
        );
        ctx.session.send(`You describe ${here.name} anew, written to ${packName}/${here.at.file}.`);
      },
    },
    writer,
  );

  return [dig, open, close, desc];
}
