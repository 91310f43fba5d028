/**
 * The markers a studio's open map follows: after each tick, the players and
 * NPCs that appeared or moved since the last delta, and those gone. Nothing
 * is computed while no map is open; a tick where nobody moved sends nothing.
 *
 * The cost is one pass over the world's Player and NPC queries. What each
 * entity stood in last time is kept by its small-integer handle, so one that
 * stayed costs an array read and a comparison: with an immutable Location
 * (the starter world's: a move replaces the data) the data object itself is
 * compared, and its room is read only when it changed.
 */
import type { Entity } from '../ecs/entity';
import { forEachPlaced, markerOf, roomOf, type MarkerHost, type MarkerKind } from './map-query';
import type { MapMarker, MarkerDelta } from './types';

export class MarkerWatch {
  /** Entity id -> the marker last sent; undefined while no map is open. */
  private sent: Map<string, MapMarker> | undefined;
  /** By entity handle: the Location data seen last, and the marker sent for it (handles are reused: the id is checked). */
  private seenData: (object | undefined)[] = [];
  private seenMarker: (MapMarker | undefined)[] = [];

  constructor(private readonly engine: MarkerHost) {}

  get open(): boolean {
    return this.sent !== undefined;
  }

  /** A map opened (or all closed): while open, the first delta is relative to the markers as they are now. */
  setOpen(open: boolean): void {
    if (!open) {
      this.sent = undefined;
      this.seenData = [];
      this.seenMarker = [];
      return;
    }
    if (this.sent) return;
    const sent = new Map<string, MapMarker>();
    forEachPlaced(this.engine, (e, kind, room) => sent.set(e.id, this.remember(e, markerOf(e, kind, room))));
    this.sent = sent;
  }

  /** What changed since the last call; undefined when nothing did (or no map is open). */
  delta(tick: number): MarkerDelta | undefined {
    const sent = this.sent;
    const world = this.engine.world;
    const location = world.componentType('Location');
    if (!sent || !location) return undefined;
    const slot = location.slot;
    const sameData = location.immutable;
    const playerSlot = world.componentType('Player')?.slot;
    const moved: MapMarker[] = [];
    let placed = 0;
    let arrived = false;
    for (const name of ['Player', 'Npc'] as const) {
      const type = world.componentType(name);
      if (!type) continue;
      const kind: MarkerKind = name === 'Player' ? 'player' : 'npc';
      // By index over the query's live list: nothing here changes the world, and it spares an iterator per query.
      const list = world.query(type, location).entities;
      for (let i = 0; i < list.length; i++) {
        const entity = list[i] as Entity;
        // An entity both Player and Npc is counted once, as the player.
        if (kind === 'npc' && playerSlot !== undefined && entity.slots[playerSlot] !== undefined) continue;
        const h = entity.handle;
        const data = entity.slots[slot];
        const was = this.seenMarker[h];
        const same = was !== undefined && was.entity === entity.id && was.kind === kind;
        // Immutable data that is the very object seen last: the entity did not move.
        if (same && sameData && data === this.seenData[h]) {
          placed++;
          continue;
        }
        const room = roomOf(entity);
        if (room === undefined) continue;
        placed++;
        if (same && was.room === room) {
          this.seenData[h] = data;
          continue;
        }
        if (!sent.has(entity.id)) arrived = true;
        const marker = this.remember(entity, markerOf(entity, kind, room));
        sent.set(entity.id, marker);
        moved.push(marker);
      }
    }
    // Everyone placed was known and none arrived: the count says whether anyone went.
    const gone: string[] = [];
    if (arrived || placed !== sent.size) {
      const here = new Set<string>();
      forEachPlaced(this.engine, (e) => here.add(e.id));
      for (const id of sent.keys()) if (!here.has(id)) gone.push(id);
      for (const id of gone) sent.delete(id);
    }
    return moved.length > 0 || gone.length > 0 ? { tick, moved, gone } : undefined;
  }

  private remember(entity: Entity, marker: MapMarker): MapMarker {
    const h = entity.handle;
    // Grown densely (a write far past the end would make the array sparse, and every read slow).
    while (this.seenMarker.length <= h) {
      this.seenMarker.push(undefined);
      this.seenData.push(undefined);
    }
    this.seenMarker[h] = marker;
    this.seenData[h] = entity.slots[this.engine.world.componentType('Location')?.slot ?? -1];
    return marker;
  }
}
