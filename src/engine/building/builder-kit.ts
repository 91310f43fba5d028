/**
 * What every building command shares: the builder role check, where the
 * builder stands (as content), directions, keys and names as builders type
 * them, and one way of refusing (a BuildError's message, nothing changed).
 */
import { defineCommand, type Command, type CommandContext } from '../commands/define';
import type { Entity } from '../ecs/entity';
import { packOf, qualify } from '../content/keys';
import { DIRECTIONS, type ExitDirection, type RoomDef } from '../content/types';
import { LOCATION_COMPONENT } from '../content/validate';
import { BuildError, type AreaWriter } from './area-writer';

export const BUILDER_ROLE = 'builder';

export interface BuilderSpec {
  name: string;
  usage: string;
  help: string;
  run(ctx: CommandContext, writer: AreaWriter): void | Promise<void>;
}

/** A command only builders may run; others are told why, and how to get the role. */
export function defineBuilderCommand(spec: BuilderSpec, writer: AreaWriter): Command {
  return defineCommand({
    name: spec.name,
    usage: spec.usage,
    help: spec.help,
    category: 'building',
    async handler(ctx) {
      if (!ctx.session.account?.roles.includes(BUILDER_ROLE)) {
        ctx.session.send(`Only builders can use ${spec.name}. The server's admin gives the role with: maid account grant <account> builder`);
        return;
      }
      try {
        await spec.run(ctx, writer);
      } catch (err) {
        if (err instanceof BuildError) ctx.session.send(err.message);
        else throw err;
      }
    },
  });
}

/** The room key the entity stands in (its Location), if any. */
export function roomKeyOf(entity: Entity): string | undefined {
  const location = entity.getByName(LOCATION_COMPONENT) as { room?: string } | undefined;
  return location?.room;
}

/** The content room the builder stands in; a BuildError when it is none (or made by code). */
export function hereRoom(ctx: CommandContext): RoomDef {
  const key = roomKeyOf(ctx.actor);
  if (!key) throw new BuildError('You are not in a room.');
  const room = ctx.engine.content.lookup().rooms.get(key);
  if (!room) throw new BuildError(`This room (${key}) is not written in an area file (a pack's code makes it), so it cannot be built on from here.`);
  return room;
}

const SHORT: Record<string, ExitDirection> = { n: 'north', s: 'south', e: 'east', w: 'west', u: 'up', d: 'down' };
export const OPPOSITE: Record<ExitDirection, ExitDirection> = { north: 'south', south: 'north', east: 'west', west: 'east', up: 'down', down: 'up' };

export function direction(word: string | undefined): ExitDirection {
  const w = (word ?? '').toLowerCase();
  const dir = (DIRECTIONS as readonly string[]).includes(w) ? (w as ExitDirection) : SHORT[w];
  if (!dir) throw new BuildError(`'${word ?? ''}' is not a direction: one of ${DIRECTIONS.join(', ')} (or n, s, e, w, u, d).`);
  return dir;
}

/** A key as typed (bare: the current pack's), qualified; a BuildError when it is not a key. */
export function typedKey(packName: string, word: string | undefined, what: string): string {
  if (word && packName === '' && !word.includes(':')) throw new BuildError(`You are in no room, so '${word}' needs its pack too: pack:key.`);
  const key = word ? qualify(packName, word.toLowerCase()) : undefined;
  if (!key) throw new BuildError(`'${word ?? ''}' is not a ${what} key: lower-case letters, digits, '.', '_' or '-', another pack's as pack:key (see @where).`);
  return key;
}

/** How a key is written in a file of `packName`: bare for its own. */
export function writtenKey(packName: string, key: string): string {
  return packOf(key) === packName ? key.slice(packName.length + 1) : key;
}

/** A room's name as builders type it, tidied; a BuildError naming the first odd character. */
export function roomName(raw: string): string {
  const name = raw.trim().replace(/\s+/g, ' ');
  if (name === '') throw new BuildError('The new room needs a name: @dig <direction> <name>.');
  const odd = /[^\p{L}\p{N} '’,.-]/u.exec(name);
  if (odd) throw new BuildError(`A room's name is letters, digits, spaces and ' , . - only: ${JSON.stringify(odd[0])} is not allowed.`);
  if (name.length > 40) throw new BuildError(`A room's name is at most 40 characters (that one has ${name.length}).`);
  return name;
}

/** A key for a new room of the pack, from its name: `Old Jetty` -> `old-jetty`, then `old-jetty-2`... */
export function freeRoomKey(packName: string, name: string, taken: (key: string) => boolean): string {
  const base = name.normalize('NFKD').replace(/[^\x20-\x7e]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '') || 'room';
  for (let n = 1; ; n++) {
    const local = n === 1 ? base : `${base}-${n}`;
    if (!taken(`${packName}:${local}`)) return local;
  }
}
