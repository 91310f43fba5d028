import { basename, dirname, join } from 'node:path';
import type { World } from '../ecs/world';
import type { ContentPack } from '../packs/contract';
import { applyContent } from './apply';
import { ContentError } from './errors';
import { isAreaFile, readAreas } from './load';
import { lookupOf, type ContentLookup } from './lookup';
import { SpawnResets } from './resets';
import { liveRoom, optionalExitsInto } from './optional-exits';
import { writeRoom } from './rooms';
import type { AreaFile, ContentDiff, PackContent, RoomDef, SpawnDef } from './types';
import { validateContent, type ComponentLookup } from './validate';

/** `content:applied`: a pack's content was put onto the world (at its load and at each reload). */
export interface ContentAppliedEvent {
  packName: string;
  diff: ContentDiff;
}

/** A pack's content, read and validated, not yet on the world. */
export interface PreparedContent {
  readonly packName: string;
  readonly content: PackContent;
  readonly cache: Map<string, AreaFile>;
}

/** Where a pack's area files are: what the pack says, else `<pack folder>/areas`. */
export function areasDirOf(pack: ContentPack, packDir?: string): string | undefined {
  const own = pack.getAreasDir?.();
  if (typeof own === 'string' && own !== '') return own;
  return packDir ? join(packDir, 'areas') : undefined;
}

/**
 * `engine.content`: the world as data. Reads each pack's area files,
 * validates them against every loaded pack's content, puts them onto the
 * live world, and keeps what each pack's files hold now. The reload
 * transaction calls prepare (before anything changes), apply (between
 * ticks, journaled) and commit (on success).
 */
export class ContentLayer {
  private readonly committed = new Map<string, PackContent>();
  private readonly caches = new Map<string, Map<string, AreaFile>>();
  private readonly resets = new SpawnResets();
  private respawning: (SpawnDef & { packName: string })[] = [];
  private lookupCache: ContentLookup | undefined;
  private optionalInto = new Map<string, { packName: string; room: RoomDef }[]>();

  // ContentOrigin and Spawned are the engine's own and never registered: the registry lists what packs define.
  constructor(private readonly world: World) {}

  /** Reads and validates a pack's area files; throws a ContentError naming file:line:column. */
  prepare(
    packName: string,
    areasDir: string | undefined,
    packDir?: string,
    components: ComponentLookup = (name) => this.world.componentType(name),
    laterPack: (name: string) => boolean = () => false,
  ): PreparedContent {
    if (!areasDir) return { packName, content: { packName, dir: '', files: [] }, cache: new Map() };
    const read = readAreas(packName, areasDir, packDir ?? dirname(areasDir), this.caches.get(packName) ?? new Map());
    if (read.problems.length > 0) throw new ContentError(packName, read.problems);
    const others = lookupOf([...this.committed.values()].filter((c) => c.packName !== packName));
    const problems = validateContent(read.content, others, components, (name) => !this.committed.has(name) && laterPack(name), (name) => name !== packName && this.committed.has(name));
    if (problems.length > 0) throw new ContentError(packName, problems);
    return { packName, content: read.content, cache: read.cache };
  }

  /** Puts prepared content onto the world: only what differs from what the pack had. */
  apply(prepared: PreparedContent): ContentDiff {
    const old = this.committed.get(prepared.packName);
    const before = this.lookup();
    const after = lookupOf([...this.packsWith(prepared.content)]);
    const diff = applyContent({ world: this.world, ...(old ? { old } : {}), next: prepared.content, before, after });
    // Other packs' optional exits into this one appear, or go with the rooms this version no longer has.
    diff.rooms.changed.push(...this.refreshOptionalExits(prepared.packName, (key) => after.rooms.has(key)));
    // Packs that give content things of their own (loot tables by creature) hear when it is on the world.
    this.world.events.emit<ContentAppliedEvent>('content:applied', { packName: prepared.packName, diff });
    return diff;
  }

  commit(prepared: PreparedContent): void {
    this.committed.set(prepared.packName, prepared.content);
    this.caches.set(prepared.packName, prepared.cache);
    this.changed();
  }

  /** A pack unloaded: its content no longer resolves references (what it put in the world stays, as data). */
  forget(packName: string): void {
    this.committed.delete(packName);
    this.caches.delete(packName);
    this.changed();
    // Optional exits into it go: no loaded pack has their rooms now.
    const rooms = this.lookup().rooms;
    this.refreshOptionalExits(packName, (key) => rooms.has(key));
  }

  /** What a pack's area files hold now (the committed version). */
  contentOf(packName: string): PackContent | undefined {
    return this.committed.get(packName);
  }

  /** Every loaded pack's rooms, prototypes and spawns by key. */
  lookup(): ContentLookup {
    return (this.lookupCache ??= lookupOf(this.committed.values()));
  }

  /** Whether a changed file is an area file (so a reload need not evaluate code for it): code is never YAML. */
  isAreaPath(path: string): boolean {
    return isAreaFile(basename(path));
  }

  /** Between ticks: respawns what was destroyed, when its time is up. */
  tick(delta: number): void {
    if (this.respawning.length > 0) this.resets.tick(this.world, delta, this.respawning, () => this.lookup());
  }

  /** Writes again the rooms of other packs whose optional exits lead into a pack; returns the keys of those that changed. */
  private refreshOptionalExits(packName: string, hasRoom: (key: string) => boolean): string[] {
    const changed: string[] = [];
    for (const { packName: owner, room } of this.optionalInto.get(packName) ?? []) {
      if (owner === packName) continue;
      if (writeRoom(this.world, owner, liveRoom(room, hasRoom), room) === 'changed') changed.push(room.key);
    }
    return changed;
  }

  private packsWith(content: PackContent): PackContent[] {
    return [...[...this.committed.values()].filter((c) => c.packName !== content.packName), content];
  }

  private changed(): void {
    this.lookupCache = undefined;
    this.optionalInto = optionalExitsInto(this.committed.values());
    this.respawning = [...this.committed.values()].flatMap((c) => c.files.flatMap((f) => f.spawns.filter((s) => s.respawn !== undefined).map((s) => ({ ...s, packName: c.packName }))));
    this.resets.keepOnly(new Set(this.respawning.map((s) => s.key)));
  }
}
