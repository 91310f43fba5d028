/**
 * The building commands that change only the live world: @create (an item
 * from a prototype), @spawn (a creature here) and @set (a field of a
 * component). No file is written: to keep a thing for good, write a spawn
 * in an area file.
 */
import type { Command, CommandContext } from '../commands/define';
import type { Entity } from '../ecs/entity';
import { packOf } from '../content/keys';
import { resolveComponents } from '../content/lookup';
import { LOCATION_COMPONENT, ROOM_COMPONENT } from '../content/validate';
import { roomEntityKey } from '../content/keys';
import { BuildError, type AreaWriter } from './area-writer';
import { defineBuilderCommand, roomKeyOf, typedKey } from './builder-kit';

/** The component that marks a thing one can pick up (starter-world's); with it, @create puts the thing in hand. */
const ITEM_COMPONENT = 'Item';

/** A thing's name as players see it: its description's name, a player's name, else its key. */
function nameOf(entity: Entity): string {
  for (const component of ['Player', 'Describable', ROOM_COMPONENT]) {
    const name = (entity.getByName(component) as { name?: unknown } | undefined)?.name;
    if (typeof name === 'string' && name !== '') return name;
  }
  return entity.key ?? 'something';
}

/** Makes a thing from a prototype (its inherited components merged), placed by `where`. */
function make(ctx: CommandContext, word: string | undefined, where: (components: Record<string, unknown>) => { room?: string; holder?: string }): { entity: Entity; key: string } {
  const here = roomKeyOf(ctx.actor);
  const key = typedKey(here ? packOf(here) : '', word, 'prototype');
  if (ctx.args.length > 1) throw new BuildError('A prototype key has no spaces.');
  const prototypes = ctx.engine.content.lookup().prototypes;
  if (!prototypes.has(key)) throw new BuildError(`No loaded pack has a prototype '${key}'.`);
  const location = ctx.world.componentType(LOCATION_COMPONENT);
  if (!location) throw new BuildError(`No pack defines the ${LOCATION_COMPONENT} component, so nothing can be placed.`);
  const resolved = resolveComponents(key, prototypes);
  const entity = ctx.world.createEntity();
  for (const [name, data] of Object.entries(resolved)) {
    const type = ctx.world.componentType(name);
    if (type) entity.add(type, structuredClone(data));
  }
  entity.add(location, where(resolved));
  return { entity, key };
}

/** The entity `@set` names: here (the room), me, or a thing in the room or carried, by keyword. */
function target(ctx: CommandContext, word: string): Entity {
  const room = roomKeyOf(ctx.actor);
  if (word === 'here') {
    const entity = room ? ctx.world.findByKey(roomEntityKey(room)) : undefined;
    if (!entity) throw new BuildError('You are not in a room.');
    return entity;
  }
  if (word === 'me') return ctx.actor;
  const w = word.toLowerCase();
  for (const e of ctx.world.entitiesWith(LOCATION_COMPONENT)) {
    if (e === ctx.actor) continue;
    const loc = e.getByName(LOCATION_COMPONENT) as { room?: string; holder?: string };
    if (!((room && loc.room === room) || loc.holder === ctx.actor.id)) continue;
    const described = e.getByName('Describable') as { keywords?: unknown } | undefined;
    const words = [nameOf(e), ...(Array.isArray(described?.keywords) ? described.keywords : [])].map((k) => String(k).toLowerCase());
    if (words.some((k) => k.startsWith(w))) return e;
  }
  throw new BuildError(`There is no '${word}' here or in your hands (or say here, or me).`);
}

/** A value as typed: JSON when it reads as JSON (40, true, [1,2], "a b"), else the text. */
function valueOf(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

function kindOf(value: unknown): string {
  return value === null ? 'null' : Array.isArray(value) ? 'list' : typeof value;
}

export function thingCommands(writer: AreaWriter): Command[] {
  const create = defineBuilderCommand(
    {
      name: '@create',
      usage: '@create <prototype>',
      help: 'Make an item from a prototype: in your hands if it can be carried, else here (the live world only)',
      run(ctx) {
        const { entity, key } = make(ctx, ctx.args[0], (c) => (ITEM_COMPONENT in c ? { room: undefined, holder: ctx.actor.id } : { room: roomKeyOf(ctx.actor), holder: undefined }));
        const held = (entity.getByName(LOCATION_COMPONENT) as { holder?: string }).holder !== undefined;
        ctx.session.send(`You create ${nameOf(entity)} (from ${key}), ${held ? 'in your hands' : 'here'}.`);
      },
    },
    writer,
  );

  const spawn = defineBuilderCommand(
    {
      name: '@spawn',
      usage: '@spawn <prototype>',
      help: 'Make a creature from a prototype, here (the live world only)',
      run(ctx) {
        const room = roomKeyOf(ctx.actor);
        if (!room) throw new BuildError('You are not in a room.');
        const { entity, key } = make(ctx, ctx.args[0], () => ({ room, holder: undefined }));
        ctx.session.send(`You spawn ${nameOf(entity)} (from ${key}) here.`);
      },
    },
    writer,
  );

  const set = defineBuilderCommand(
    {
      name: '@set',
      usage: '@set <here|me|thing> <Component.field> <value>',
      help: 'Set a field of a component of this room, yourself or a thing (the live world only)',
      run(ctx) {
        const [who, path] = ctx.args;
        const raw = ctx.rest.replace(/^\S+\s+\S+\s*/, '');
        const m = /^([A-Za-z][\w-]*)\.([A-Za-z_]\w*)$/.exec(path ?? '');
        if (!who || !m || raw === '') throw new BuildError('Usage: @set <here|me|thing> <Component.field> <value>, e.g. @set rat Health.max 40');
        const [, component, field] = m as unknown as [string, string, string];
        const entity = target(ctx, who);
        const type = ctx.world.componentType(component);
        const live = entity.getByName(component) as Record<string, unknown> | undefined;
        if (!type || !live) throw new BuildError(`${nameOf(entity)} has no ${component} component.`);
        const defaults = type.defaults() as Record<string, unknown>;
        if (!(field in live) && !(field in defaults)) throw new BuildError(`${component} has no field '${field}' (fields: ${Object.keys({ ...defaults, ...live }).join(', ')}).`);
        const value = valueOf(raw);
        const before = live[field] ?? defaults[field];
        if (before !== undefined && before !== null && kindOf(before) !== kindOf(value)) {
          throw new BuildError(`${component}.${field} holds a ${kindOf(before)}, not a ${kindOf(value)} (${JSON.stringify(value)}).`);
        }
        ctx.world.setComponentData(entity, component, { ...live, [field]: value });
        const note = component === ROOM_COMPONENT ? " Its area file is unchanged: the file's next reload puts the room back as written." : ' No file is written.';
        ctx.session.send(`${component}.${field} of ${nameOf(entity)} is now ${JSON.stringify(value)}.${note}`);
      },
    },
    writer,
  );

  return [create, spawn, set];
}
