/**
 * The markers a studio's open map follows: after each tick, the players and
 * NPCs that appeared or moved since the last delta, and those gone. Nothing
 * is computed while no map is open; a tick where nobody moved sends nothing.
 * The cost is one pass over the world's Player and NPC queries comparing a
 * room key per entity, with nothing allocated for those that stayed (a
 * marker's name is read again when it moves).
 */
import type { GameEngine } from '../engine';
import { forEachPlaced, markerOf } from './map-query';
import type { MapMarker, MarkerDelta } from './types';

export class MarkerWatch {
  /** Entity id -> the marker last sent; undefined while no map is open. */
  private sent: Map<string, MapMarker> | undefined;

  constructor(private readonly engine: GameEngine) {}

  get open(): boolean {
    return this.sent !== undefined;
  }

  /** A map opened (or all closed): while open, the first delta is relative to the markers as they are now. */
  setOpen(open: boolean): void {
    if (!open) {
      this.sent = undefined;
      return;
    }
    if (this.sent) return;
    const sent = new Map<string, MapMarker>();
    forEachPlaced(this.engine, (e, kind, room) => sent.set(e.id, markerOf(e, kind, room)));
    this.sent = sent;
  }

  /** What changed since the last call; undefined when nothing did (or no map is open). */
  delta(tick: number): MarkerDelta | undefined {
    const sent = this.sent;
    if (!sent) return undefined;
    const moved: MapMarker[] = [];
    let seen = 0;
    forEachPlaced(this.engine, (e, kind, room) => {
      seen++;
      const was = sent.get(e.id);
      if (was && was.room === room && was.kind === kind) return;
      if (!was) seen = -Infinity; // someone new: the count no longer tells whether anyone went
      const marker = markerOf(e, kind, room);
      sent.set(e.id, marker);
      moved.push(marker);
    });
    const gone: string[] = [];
    if (seen !== sent.size) {
      const here = new Set<string>();
      forEachPlaced(this.engine, (e) => here.add(e.id));
      for (const id of sent.keys()) if (!here.has(id)) gone.push(id);
      for (const id of gone) sent.delete(id);
    }
    return moved.length > 0 || gone.length > 0 ? { tick, moved, gone } : undefined;
  }
}
