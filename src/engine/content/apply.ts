import type { World } from '../ecs/world';
import { ContentOrigin, Spawned } from './components';
import { sameData } from './equal';
import { createInstance, releaseInstance, updateInstance } from './instances';
import { spawnEntityKey } from './keys';
import { resolveComponents, type ContentLookup } from './lookup';
import { liveRoom } from './optional-exits';
import { removeRoom, writeRoom } from './rooms';
import type { AreaFile, ComponentMap, ContentDiff, PackContent, RoomDef, SpawnDef } from './types';

export interface ApplyInput {
  world: World;
  /** What this pack had before; undefined on its first load: then the live world is compared with the files in full. */
  old?: PackContent;
  next: PackContent;
  /** Every loaded pack's content before and after (this pack's the new one). */
  before: ContentLookup;
  after: ContentLookup;
}

export function emptyDiff(): ContentDiff {
  return {
    rooms: { added: [], changed: [], removed: [] },
    prototypes: { added: [], changed: [], removed: [] },
    spawns: { added: [], changed: [], removed: [] },
    entities: { spawned: 0, updated: 0, removed: 0, moved: 0 },
  };
}

function entriesOf<K extends 'rooms' | 'spawns' | 'prototypes'>(files: AreaFile[], kind: K): AreaFile[K] {
  const out: unknown[] = [];
  for (const f of files) out.push(...f[kind]);
  return out as AreaFile[K];
}

/**
 * Puts a pack's new content onto the live world (between ticks, inside the
 * reload's transaction). Only what changed files define is touched, plus
 * the instances of prototypes that changed. Rooms are rewritten; removed
 * rooms send their occupants elsewhere; instances follow their prototype
 * (see instances.ts for the policy); nothing a player carries is removed.
 */
export function applyContent({ world, old, next, before, after }: ApplyInput): ContentDiff {
  const diff = emptyDiff();
  const packName = next.packName;
  const full = old === undefined;
  const oldFiles = new Map((old?.files ?? []).map((f) => [f.file, f]));
  const changed = full ? next.files : next.files.filter((f) => oldFiles.get(f.file)?.digest !== f.digest);
  const gone = (old?.files ?? []).filter((f) => !next.files.some((n) => n.file === f.file));
  const touchedOld = [...changed.flatMap((f) => oldFiles.get(f.file) ?? []), ...gone];

  // Rooms.
  const nextRooms = new Map(entriesOf(next.files, 'rooms').map((r) => [r.key, r]));
  const oldRooms = new Map(entriesOf(touchedOld, 'rooms').map((r) => [r.key, r]));
  for (const room of entriesOf(changed, 'rooms')) {
    const was = oldRooms.get(room.key);
    if (was && sameRoom(was, room) && !full) continue;
    const what = writeRoom(world, packName, liveRoom(room, (key) => after.rooms.has(key)), was);
    if (what === 'added' || (!was && what)) diff.rooms.added.push(room.key);
    else if (what === 'changed') diff.rooms.changed.push(room.key);
  }
  const removedRooms = full
    ? world.query(ContentOrigin).toArray().flatMap((e) => {
        const o = e.get(ContentOrigin);
        return o && o.pack === packName && !nextRooms.has(o.key) ? [o.key] : [];
      })
    : [...oldRooms.keys()].filter((k) => !nextRooms.has(k));
  for (const key of removedRooms) {
    const sameFile = [...nextRooms.values()].filter((r) => r.at.file === oldRooms.get(key)?.at.file).map((r) => r.key);
    diff.entities.moved += removeRoom(world, key, () => [...sameFile, ...nextRooms.keys(), ...after.rooms.keys()]);
    diff.rooms.removed.push(key);
  }

  // Prototypes: which of this pack's changed, once resolved with what they inherit.
  const resolvedAfter = new Map<string, ComponentMap>();
  const resolved = (key: string) => {
    let r = resolvedAfter.get(key);
    if (!r) resolvedAfter.set(key, (r = resolveComponents(key, after.prototypes)));
    return r;
  };
  const protoChanged = new Map<string, boolean>();
  const hasChanged = (key: string): boolean => {
    let c = protoChanged.get(key);
    if (c === undefined) protoChanged.set(key, (c = !sameData(resolveComponents(key, before.prototypes), resolved(key))));
    return c;
  };
  if (!full) {
    for (const p of entriesOf(changed, 'prototypes')) {
      if (!before.prototypes.has(p.key)) diff.prototypes.added.push(p.key);
      else if (hasChanged(p.key)) diff.prototypes.changed.push(p.key);
    }
    for (const p of entriesOf(touchedOld, 'prototypes')) if (!after.prototypes.has(p.key)) diff.prototypes.removed.push(p.key);
  } else {
    diff.prototypes.added.push(...entriesOf(next.files, 'prototypes').map((p) => p.key));
  }

  // Spawns: those of changed files, and those whose prototype changed.
  const changedFiles = new Set(changed.map((f) => f.file));
  const oldSpawns = new Map(entriesOf(old?.files ?? [], 'spawns').map((s) => [s.key, s]));
  const nextSpawns = new Map(entriesOf(next.files, 'spawns').map((s) => [s.key, s]));
  for (const spawn of nextSpawns.values()) {
    const was = oldSpawns.get(spawn.key);
    if (!full && !changedFiles.has(spawn.at.file) && !hasChanged(spawn.prototype) && was) continue;
    if (!full && was && sameSpawn(was, spawn) && !hasChanged(spawn.prototype)) continue;
    reconcileSpawn(world, packName, spawn, was, full, resolved(spawn.prototype), diff);
    if (!was) diff.spawns.added.push(spawn.key);
    else if (!full) diff.spawns.changed.push(spawn.key);
  }
  const releases = full
    ? world.query(Spawned).toArray().filter((e) => {
        const s = e.get(Spawned);
        return s && s.pack === packName && (nextSpawns.get(s.spawn)?.count ?? 0) < s.n;
      })
    : [...oldSpawns.values()].filter((s) => !nextSpawns.has(s.key)).flatMap((s) => instancesOf(world, s, 1, s.count));
  for (const entity of releases) {
    const spawn = entity.get(Spawned)?.spawn;
    if (spawn && !nextSpawns.has(spawn) && !diff.spawns.removed.includes(spawn)) diff.spawns.removed.push(spawn);
    if (releaseInstance(world, entity) === 'removed') diff.entities.removed++;
  }
  return diff;
}

/** Creates missing instances (on first load, or ones the spawn did not have before), updates live ones, releases extra ones. */
function reconcileSpawn(world: World, packName: string, spawn: SpawnDef, was: SpawnDef | undefined, full: boolean, resolved: ComponentMap, diff: ContentDiff): void {
  for (let n = 1; n <= spawn.count; n++) {
    const entity = world.findByKey(spawnEntityKey(spawn.key, n));
    if (!entity) {
      // An instance play destroyed waits for its respawn; only one never made is made now.
      if (full || !was || n > was.count) {
        createInstance(world, { ...spawn, packName }, n, resolved);
        diff.entities.spawned++;
      }
      continue;
    }
    const mark = entity.get(Spawned);
    const applied = mark?.applied ?? {};
    if (mark && updateInstance(world, entity, applied, resolved)) diff.entities.updated++;
    if (mark && mark.room !== spawn.room) {
      const at = entity.getByName('Location') as { room?: string } | undefined;
      if (at?.room === mark.room) {
        world.setComponentData(entity, 'Location', { ...at, room: spawn.room, holder: undefined });
        diff.entities.moved++;
      }
    }
    const next = { pack: packName, file: spawn.at.file, spawn: spawn.key, n, prototype: spawn.prototype, room: spawn.room, applied: structuredClone(resolved) };
    // An entity of that key that was no instance yet is adopted as it is: from now on, values unlike the prototype's count as play's.
    if (!sameData(mark, next)) entity.add(Spawned, next);
  }
  if (was && was.count > spawn.count) {
    for (const entity of instancesOf(world, was, spawn.count + 1, was.count)) if (releaseInstance(world, entity) === 'removed') diff.entities.removed++;
  }
}

function instancesOf(world: World, spawn: SpawnDef, from: number, to: number) {
  const out = [];
  for (let n = from; n <= to; n++) {
    const e = world.findByKey(spawnEntityKey(spawn.key, n));
    if (e?.has(Spawned)) out.push(e);
  }
  return out;
}

function sameRoom(a: RoomDef, b: RoomDef): boolean {
  return a.name === b.name && a.description === b.description && a.environment === b.environment && a.area === b.area && sameData(a.exits, b.exits) && sameData(a.coordinates, b.coordinates) && sameData(a.components, b.components) && a.at.file === b.at.file;
}

function sameSpawn(a: SpawnDef, b: SpawnDef): boolean {
  return a.prototype === b.prototype && a.room === b.room && a.count === b.count && a.respawn === b.respawn && a.at.file === b.at.file;
}
