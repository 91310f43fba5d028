/**
 * The markers a studio's open map follows: after each tick, the players and
 * NPCs that appeared or moved since the last delta, and those gone. Nothing
 * is computed while no map is open; a tick where nobody moved sends nothing.
 * The cost is one pass over the world's Player and NPC queries, comparing a
 * room key and a name per entity.
 */
import type { GameEngine } from '../engine';
import { forEachMarker } from './map-query';
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
    forEachMarker(this.engine, (m) => sent.set(m.entity, m));
    this.sent = sent;
  }

  /** What changed since the last call; undefined when nothing did (or no map is open). */
  delta(tick: number): MarkerDelta | undefined {
    const sent = this.sent;
    if (!sent) return undefined;
    const moved: MapMarker[] = [];
    const seen = new Set<string>();
    forEachMarker(this.engine, (m) => {
      seen.add(m.entity);
      const was = sent.get(m.entity);
      if (was && was.room === m.room && was.name === m.name && was.kind === m.kind) return;
      sent.set(m.entity, m);
      moved.push(m);
    });
    const gone: string[] = [];
    if (seen.size !== sent.size) {
      for (const id of sent.keys()) if (!seen.has(id)) gone.push(id);
      for (const id of gone) sent.delete(id);
    }
    return moved.length > 0 || gone.length > 0 ? { tick, moved, gone } : undefined;
  }
}
