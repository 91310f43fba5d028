import { createHash } from 'node:crypto';
import { isMap, isScalar, isSeq, parseDocument, type Node, type YAMLMap } from 'yaml';
import { parseInChunks } from './chunks';
import { qualify } from './keys';
import { DIRECTIONS, type AreaFile, type ComponentMap, type ContentProblem, type ExitDirection, type PrototypeDef, type RoomDef, type SourceRange, type SpawnDef } from './types';

const SECTIONS = ['area', 'rooms', 'prototypes', 'spawns'] as const;
const ROOM_FIELDS = ['key', 'name', 'description', 'exits', 'coordinates', 'environment', 'components'];
const PROTOTYPE_FIELDS = ['key', 'parent', 'components'];
const SPAWN_FIELDS = ['key', 'prototype', 'room', 'count', 'respawn'];
const EXIT_FIELDS = ['to', 'optional'];

export interface ParsedArea {
  area?: AreaFile;
  problems: ContentProblem[];
}

export function digestOf(text: string): string {
  return createHash('sha1').update(text).digest('hex');
}

/**
 * Reads one area file: YAML syntax, then the shape of every entry (field
 * names and types, keys that are keys). Cross-file checks (exits, parents,
 * duplicates) come later, in validate.ts. Every problem names file:line:column.
 */
export function parseArea(packName: string, file: string, text: string, previous?: AreaFile): ParsedArea {
  const pieces = parseInChunks(text, previous ? parsedChunks.get(previous) : undefined);
  const skeleton = pieces ? plainSkeleton(pieces.skeleton, pieces.sections) : undefined;
  // Entry by entry only when the rest of the file is plain too; else the whole file, as one document.
  const chunked = skeleton ? pieces : undefined;
  const doc = skeleton ? undefined : parseDocument(text, { prettyErrors: false, uniqueKeys: true });
  const lineStarts = linesOf(text);
  const problems: ContentProblem[] = [];
  /** Where the node being read starts in the file: its entry's text's start when read entry by entry. */
  let base = 0;
  const at = (node: Node | null | undefined, fallback?: SourceRange): SourceRange => {
    const start = node?.range?.[0];
    if (start === undefined) return fallback ?? { file, line: 1, column: 1, start: 0, end: 0 };
    const pos = positionOf(lineStarts, base + start);
    return { file, line: pos.line, column: pos.column, start: base + start, end: base + (node?.range?.[2] ?? start) };
  };
  const problem = (where: SourceRange, message: string) => problems.push({ message, file, line: where.line, column: where.column });

  for (const err of [...(doc?.errors ?? []), ...(doc?.warnings ?? [])]) {
    const pos = positionOf(lineStarts, err.pos[0]);
    problems.push({ message: `invalid YAML: ${err.message.split('\n')[0]}`, file, line: pos.line, column: pos.column });
  }
  if (problems.length > 0) return { problems };
  const contents = skeleton ?? doc?.contents ?? null;
  if (contents === null || (isScalar(contents) && contents.value === null)) {
    problem(at(null), 'the area file is empty: write at least one of rooms, prototypes or spawns (or delete the file)');
    return { problems };
  }
  if (!isMap(contents)) {
    problem(at(contents), 'an area file is a mapping with the sections area, rooms, prototypes, spawns');
    return { problems };
  }
  const root = contents;
  const area: AreaFile = { file, digest: digestOf(text), rooms: [], prototypes: [], spawns: [] };
  for (const pair of root.items) {
    const name = isScalar(pair.key) ? String(pair.key.value) : '';
    if (!(SECTIONS as readonly string[]).includes(name)) problem(at(pair.key as Node), `unknown section '${name}' (expected one of ${SECTIONS.join(', ')})`);
  }
  const areaName = root.get('area', true);
  if (areaName !== undefined) {
    if (isScalar(areaName) && typeof areaName.value === 'string') area.name = areaName.value;
    else problem(at(areaName as Node), 'area must be the area\'s name, a string');
  }

  /** The entries of a section, as maps, each with where its text starts; anything else is a problem. */
  const entries = (section: string): { map: YAMLMap; base: number }[] => {
    const pieces = chunked?.sections.get(section);
    if (pieces) return pieces.map((p) => ({ map: p.node as YAMLMap, base: p.base }));
    const node = root.get(section, true) as Node | undefined;
    if (node === undefined || (isScalar(node) && node.value === null)) return [];
    if (!isSeq(node)) {
      problem(at(node), `${section} must be a list of entries (each starting with '- key: ...')`);
      return [];
    }
    return node.items.flatMap((item) => {
      if (isMap(item)) return [{ map: item, base: 0 }];
      problem(at(item as Node), `each of ${section} must be a mapping with a key`);
      return [];
    });
  };

  const fields = (entry: YAMLMap, allowed: string[], what: string) => {
    for (const pair of entry.items) {
      const name = isScalar(pair.key) ? String(pair.key.value) : '';
      if (!allowed.includes(name)) problem(at(pair.key as Node), `${what} has no field '${name}' (fields: ${allowed.join(', ')})`);
    }
  };
  const node = (entry: YAMLMap, name: string) => entry.get(name, true) as Node | undefined;
  const str = (entry: YAMLMap, name: string, what: string, required: boolean): string | undefined => {
    const n = node(entry, name);
    if (n === undefined) {
      if (required) problem(at(entry), `${what} needs a ${name}`);
      return undefined;
    }
    if (isScalar(n) && typeof n.value === 'string') return n.value;
    problem(at(n), `${name} of ${what} must be a string (got ${describeNode(n)})`);
    return undefined;
  };
  const ref = (entry: YAMLMap, name: string, what: string, required: boolean): { key?: string; at: SourceRange } => {
    const raw = str(entry, name, what, required);
    const where = at(node(entry, name), at(entry));
    if (raw === undefined) return { at: where };
    const key = qualify(packName, raw);
    if (!key) problem(where, `${name} '${raw}' of ${what} is not a key (lower-case letters, digits, '.', '_', '-'; another pack's as pack:key)`);
    return { ...(key ? { key } : {}), at: where };
  };
  const ownKey = (entry: YAMLMap, what: string): string | undefined => {
    const k = ref(entry, 'key', what, true);
    if (k.key && !k.key.startsWith(`${packName}:`)) {
      problem(k.at, `key '${k.key}' belongs to another pack: an entry's key is its own pack's (write it bare)`);
      return undefined;
    }
    return k.key;
  };
  const components = (entry: YAMLMap, what: string, componentAt: Record<string, SourceRange> = {}): ComponentMap => {
    const n = node(entry, 'components');
    if (n === undefined) return {};
    if (!isMap(n)) {
      problem(at(n), `components of ${what} must map component names to their data`);
      return {};
    }
    const out: ComponentMap = {};
    for (const pair of n.items) {
      const name = isScalar(pair.key) ? String(pair.key.value) : '';
      const value = pair.value as Node | null;
      if (!isMap(value)) {
        problem(at(value ?? (pair.key as Node)), `component ${name} of ${what} must be a mapping of its fields`);
        continue;
      }
      out[name] = value.toJSON() as Record<string, unknown>;
      componentAt[name] = at(value);
      // Each field's own place, so a type error points at the field.
      for (const field of value.items) if (isScalar(field.key)) componentAt[`${name}.${String(field.key.value)}`] = at((field.value ?? field.key) as Node);
    }
    return out;
  };

  for (const { map: entry, base: from } of entries('rooms')) {
    base = from;
    const where = at(entry);
    const key = ownKey(entry, 'a room');
    const what = key ? `room '${key}'` : 'a room';
    fields(entry, ROOM_FIELDS, what);
    const componentAt: Record<string, SourceRange> = {};
    const room: RoomDef = {
      kind: 'room',
      key: key ?? '',
      name: str(entry, 'name', what, true) ?? '',
      description: str(entry, 'description', what, true) ?? '',
      exits: {},
      exitAt: {},
      components: components(entry, what, componentAt),
      componentAt,
      at: where,
      ...(area.name !== undefined ? { area: area.name } : {}),
    };
    const exits = node(entry, 'exits');
    if (exits !== undefined && !(isScalar(exits) && exits.value === null)) {
      if (!isMap(exits)) problem(at(exits), `exits of ${what} must map directions to rooms`);
      else {
        for (const pair of exits.items) {
          const dir = isScalar(pair.key) ? String(pair.key.value) : '';
          const to = pair.value as Node | null;
          const toAt = at(to ?? (pair.key as Node));
          if (!(DIRECTIONS as readonly string[]).includes(dir)) {
            problem(at(pair.key as Node), `exit '${dir}' of ${what} is not a direction (${DIRECTIONS.join(', ')})`);
            continue;
          }
          const exit = isMap(to) ? exitMapping(to, dir, what) : { to, at: toAt, optional: false };
          if (!exit) continue;
          const target = isScalar(exit.to) && typeof exit.to.value === 'string' ? qualify(packName, exit.to.value) : undefined;
          if (!target) {
            problem(exit.at, `exit ${dir} of ${what} must name a room key (got ${exit.to ? describeNode(exit.to) : 'nothing'})`);
            continue;
          }
          room.exits[dir as ExitDirection] = target;
          room.exitAt[dir as ExitDirection] = exit.at;
          if (exit.optional) (room.optionalExits ??= []).push(dir as ExitDirection);
        }
      }
    }
    const coords = node(entry, 'coordinates');
    if (coords !== undefined) {
      const value = (coords as Node).toJSON() as unknown;
      if (Array.isArray(value) && (value.length === 2 || value.length === 3) && value.every((v) => typeof v === 'number' && Number.isFinite(v))) {
        room.coordinates = [value[0] as number, value[1] as number, (value[2] as number | undefined) ?? 0];
      } else problem(at(coords), `coordinates of ${what} must be [x, y] or [x, y, z], numbers (got ${describeNode(coords)})`);
    }
    const environment = str(entry, 'environment', what, false);
    if (environment !== undefined) room.environment = environment;
    if (key) area.rooms.push(room);
  }

  for (const { map: entry, base: from } of entries('prototypes')) {
    base = from;
    const key = ownKey(entry, 'a prototype');
    const what = key ? `prototype '${key}'` : 'a prototype';
    fields(entry, PROTOTYPE_FIELDS, what);
    const parent = node(entry, 'parent') ? ref(entry, 'parent', what, false) : undefined;
    const componentAt: Record<string, SourceRange> = {};
    const proto: PrototypeDef = { kind: 'prototype', key: key ?? '', components: components(entry, what, componentAt), componentAt, at: at(entry) };
    if (parent?.key) {
      proto.parent = parent.key;
      proto.parentAt = parent.at;
    }
    if (key) area.prototypes.push(proto);
  }

  for (const { map: entry, base: from } of entries('spawns')) {
    base = from;
    const key = ownKey(entry, 'a spawn');
    const what = key ? `spawn '${key}'` : 'a spawn';
    fields(entry, SPAWN_FIELDS, what);
    const prototype = ref(entry, 'prototype', what, true);
    const room = ref(entry, 'room', what, true);
    const count = number(entry, 'count', what, { integer: true, min: 1 }) ?? 1;
    const respawn = number(entry, 'respawn', what, { integer: false, min: 0 });
    const spawn: SpawnDef = { kind: 'spawn', key: key ?? '', prototype: prototype.key ?? '', room: room.key ?? '', count, at: at(entry), prototypeAt: prototype.at, roomAt: room.at };
    if (respawn !== undefined) spawn.respawn = respawn;
    if (key && prototype.key && room.key) area.spawns.push(spawn);
  }

  /** An exit written as a mapping: `{ to: combat:barrow-gate, optional: true }`. */
  function exitMapping(map: YAMLMap, dir: string, what: string): { to: Node | null; at: SourceRange; optional: boolean } | undefined {
    fields(map, EXIT_FIELDS, `exit ${dir} of ${what}`);
    const to = node(map, 'to') ?? null;
    if (to === null) {
      problem(at(map), `exit ${dir} of ${what} needs a to: the room it leads to`);
      return undefined;
    }
    const flag = node(map, 'optional');
    if (flag !== undefined && !(isScalar(flag) && typeof flag.value === 'boolean')) {
      problem(at(flag), `optional of exit ${dir} of ${what} must be true or false (got ${describeNode(flag)})`);
      return undefined;
    }
    return { to, at: at(to), optional: flag !== undefined && (flag as { value: unknown }).value === true };
  }

  function number(entry: YAMLMap, name: string, what: string, rule: { integer: boolean; min: number }): number | undefined {
    const n = node(entry, name);
    if (n === undefined) return undefined;
    const v = isScalar(n) ? n.value : undefined;
    if (typeof v === 'number' && Number.isFinite(v) && v >= rule.min && (!rule.integer || Number.isInteger(v))) return v;
    problem(at(n), `${name} of ${what} must be ${rule.integer ? 'a whole number' : 'a number'} of at least ${rule.min} (got ${describeNode(n)})`);
    return undefined;
  }

  if (problems.length > 0) return { problems };
  if (chunked) parsedChunks.set(area, chunked.parsed);
  return { area, problems };
}

/** The parsed entries of each file read entry by entry, for its next parse. */
const parsedChunks = new WeakMap<AreaFile, Map<string, Node>>();

/**
 * The skeleton of a file read entry by entry, when it is plain: it parses,
 * it names only known sections, `area` is a string, and the sections cut
 * into entries have nothing else. Otherwise the file is parsed whole (which
 * gives any problem its exact place).
 */
function plainSkeleton(text: string, sections: ReadonlyMap<string, unknown[]>): YAMLMap | undefined {
  if (sections.size === 0) return undefined;
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0 || doc.warnings.length > 0 || !isMap(doc.contents)) return undefined;
  for (const pair of doc.contents.items) {
    const name = isScalar(pair.key) ? String(pair.key.value) : '';
    if (!(SECTIONS as readonly string[]).includes(name)) return undefined;
    const value = pair.value as Node | null;
    if (name === 'area' ? !(isScalar(value) && typeof value.value === 'string') : value !== null && !(isScalar(value) && value.value === null)) return undefined;
  }
  return doc.contents;
}

/** Offsets where each line starts. */
function linesOf(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/** 1-based line and column of an offset. */
function positionOf(starts: readonly number[], offset: number): { line: number; column: number } {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((starts[mid] as number) <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: offset - (starts[lo] as number) + 1 };
}

function describeNode(node: Node): string {
  if (isMap(node)) return 'a mapping';
  if (isSeq(node)) return 'a list';
  if (isScalar(node)) return node.value === null ? 'nothing' : `${typeof node.value} ${JSON.stringify(node.value)}`;
  return 'something else';
}
