import type { ComponentType } from '../ecs/component';
import { packOf } from './keys';
import { ancestry, type ContentLookup } from './lookup';
import { optionalExitProblem } from './optional-exits';
import type { ComponentMap, ContentProblem, ExitDirection, PackContent, SourceRange } from './types';

/** What validation needs from the engine: component definitions by name. */
export type ComponentLookup = (name: string) => ComponentType<object> | undefined;

/** Components the content layer itself writes: rooms as `Room`, where spawns stand as `Location`. */
export const ROOM_COMPONENT = 'Room';
export const LOCATION_COMPONENT = 'Location';

const problemAt = (at: SourceRange, message: string): ContentProblem => ({ message, file: at.file, line: at.line, column: at.column });

/**
 * Checks a pack's new content against itself and every other loaded pack's:
 * duplicate keys, exits and spawns to rooms no pack has, missing or
 * circular parents, prototypes no pack has, component fields a component
 * cannot hold. `others` must not hold this pack's old content;
 * `laterPack` says whether a pack whose content is not loaded will load,
 * `loadedPack` whether a pack's content is loaded (for optional exits).
 */
export function validateContent(
  next: PackContent,
  others: ContentLookup,
  components: ComponentLookup,
  laterPack: (name: string) => boolean = () => false,
  loadedPack: (name: string) => boolean = (name) => [...others.rooms.keys()].some((key) => packOf(key) === name),
): ContentProblem[] {
  const problems: ContentProblem[] = [];
  const seen = { room: new Map<string, SourceRange>(), prototype: new Map<string, SourceRange>(), spawn: new Map<string, SourceRange>() };
  const mine: ContentLookup = { rooms: new Map(), prototypes: new Map(), spawns: new Map() };
  for (const file of next.files) {
    for (const entry of [...file.rooms, ...file.prototypes, ...file.spawns]) {
      const first = seen[entry.kind].get(entry.key);
      if (first) {
        problems.push(problemAt(entry.at, `duplicate ${entry.kind} key '${entry.key}': already defined at ${first.file}:${first.line}:${first.column}`));
        continue;
      }
      seen[entry.kind].set(entry.key, entry.at);
      if (entry.kind === 'room') mine.rooms.set(entry.key, entry);
      else if (entry.kind === 'prototype') mine.prototypes.set(entry.key, entry);
      else mine.spawns.set(entry.key, entry);
    }
  }
  // A room of a pack that is there but not loaded yet (it loads after this one) counts: its exits work once it is.
  const hasRoom = (key: string) => mine.rooms.has(key) || others.rooms.has(key) || (packOf(key) !== next.packName && laterPack(packOf(key)));
  const prototypes = new Map([...others.prototypes, ...mine.prototypes]);

  if (mine.rooms.size > 0 && !components(ROOM_COMPONENT)) {
    const first = [...mine.rooms.values()][0] as { at: SourceRange };
    problems.push(problemAt(first.at, `rooms need a component named ${ROOM_COMPONENT}, and no loaded pack defines one (load starter-world, or a pack of your own that does)`));
  }
  if (mine.spawns.size > 0 && !components(LOCATION_COMPONENT)) {
    const first = [...mine.spawns.values()][0] as { at: SourceRange };
    problems.push(problemAt(first.at, `spawns need a component named ${LOCATION_COMPONENT}, and no loaded pack defines one`));
  }

  for (const room of mine.rooms.values()) {
    for (const [dir, to] of Object.entries(room.exits)) {
      const where = room.exitAt[dir as keyof typeof room.exitAt] ?? room.at;
      if (room.optionalExits?.includes(dir as ExitDirection)) {
        const problem = optionalExitProblem(room.key, dir, to, next.packName, (key) => mine.rooms.has(key) || others.rooms.has(key), loadedPack);
        if (problem) problems.push(problemAt(where, problem));
        continue;
      }
      if (!hasRoom(to)) problems.push(problemAt(room.exitAt[dir as keyof typeof room.exitAt] ?? room.at, `exit ${dir} of room '${room.key}' leads to unknown room '${to}' (no loaded pack has it)`));
    }
    checkComponents(room.components, room.componentAt, `room '${room.key}'`, room.at, components, problems);
  }

  for (const proto of mine.prototypes.values()) {
    if (proto.parent !== undefined) {
      const where = proto.parentAt ?? proto.at;
      if (!prototypes.has(proto.parent)) problems.push(problemAt(where, `parent '${proto.parent}' of prototype '${proto.key}' is unknown (no loaded pack has such a prototype)`));
      else {
        // A cycle is reported at each of its members; one that only leads into a cycle is not in it.
        const chain = ancestry(proto.key, prototypes);
        const last = chain[chain.length - 1];
        if (last?.parent === proto.key) {
          problems.push(problemAt(where, `prototype '${proto.key}' inherits from itself: ${[...chain.map((p) => p.key), proto.key].join(' -> ')}`));
        }
      }
    }
    checkComponents(proto.components, proto.componentAt, `prototype '${proto.key}'`, proto.at, components, problems);
  }

  for (const spawn of mine.spawns.values()) {
    if (!prototypes.has(spawn.prototype)) problems.push(problemAt(spawn.prototypeAt, `spawn '${spawn.key}' names unknown prototype '${spawn.prototype}'`));
    // What is spawned must stand somewhere now: its room is this pack's or one loaded before it.
    if (!mine.rooms.has(spawn.room) && !others.rooms.has(spawn.room)) problems.push(problemAt(spawn.roomAt, `spawn '${spawn.key}' stands in unknown room '${spawn.room}' (no pack loaded before this one has it)`));
  }
  return problems;
}

/** Each component must be defined by a loaded pack, each field one of its fields, of the type of its default. */
function checkComponents(map: ComponentMap, at: Record<string, SourceRange>, what: string, fallback: SourceRange, components: ComponentLookup, problems: ContentProblem[]): void {
  for (const [name, data] of Object.entries(map)) {
    const type = components(name);
    const where = at[name] ?? fallback;
    if (!type) {
      problems.push(problemAt(where, `component ${name} of ${what} is not defined by any loaded pack`));
      continue;
    }
    const defaults = type.defaults() as Record<string, unknown>;
    for (const [field, value] of Object.entries(data)) {
      const fieldAt = at[`${name}.${field}`] ?? where;
      if (!(field in defaults)) {
        problems.push(problemAt(fieldAt, `component ${name} has no field '${field}' (its fields: ${Object.keys(defaults).join(', ')})`));
        continue;
      }
      const expected = jsonType(defaults[field]);
      const got = jsonType(value);
      if (expected !== 'nothing' && got !== 'nothing' && expected !== got) {
        problems.push(problemAt(fieldAt, `field ${field} of component ${name} in ${what} must be a ${expected} (got ${got} ${JSON.stringify(value)})`));
      }
    }
  }
}

function jsonType(value: unknown): string {
  if (value === undefined || value === null) return 'nothing';
  if (Array.isArray(value)) return 'list';
  return typeof value === 'object' ? 'mapping' : typeof value;
}

