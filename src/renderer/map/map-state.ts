// What the Map panel shows, and the pure functions that fold the host's
// answers and marker deltas into it. No I/O here (see map-actions.ts).
import type { MapMarker, MapRoom, MarkerDelta, WorldMap } from '../../shared/model';
import type { MapLayout } from './layout';

export interface MapState {
  rooms: MapRoom[];
  layout?: MapLayout;
  /** Entity id -> its marker. */
  markers: Record<string, MapMarker>;
  withoutAreas: string[];
  /** The level shown; undefined: the level of the room followed (else the lowest). */
  level?: number;
  selected?: string;
  /** Why the map cannot be shown (no engine, say). */
  error?: string;
  /** The last edit, done or refused, in a sentence. */
  outcome?: { ok: boolean; text: string };
  /** An exit being drawn: from one room to another, its direction still to pick. */
  drawing?: { from: string; to: string; direction: string };
}

export const initialMap: MapState = { rooms: [], markers: {}, withoutAreas: [] };

export function withMap(map: WorldMap): Partial<MapState> {
  return { rooms: map.rooms, withoutAreas: map.withoutAreas, markers: Object.fromEntries(map.markers.map((m) => [m.entity, m])), error: undefined };
}

export function withMarkerDelta(state: MapState, delta: MarkerDelta): Partial<MapState> {
  const markers = { ...state.markers };
  for (const m of delta.moved) markers[m.entity] = m;
  for (const id of delta.gone) delete markers[id];
  return { markers };
}

/** Who stands in each room. */
export function markersByRoom(markers: Record<string, MapMarker>): Map<string, MapMarker[]> {
  const out = new Map<string, MapMarker[]>();
  for (const m of Object.values(markers)) out.set(m.room, [...(out.get(m.room) ?? []), m]);
  return out;
}

/** The level to show: the one picked, else that of the room followed, else the lowest with rooms. */
export function shownLevel(state: MapState, followed: string | undefined): number {
  if (state.level !== undefined) return state.level;
  const at = followed ? state.layout?.places[followed] : undefined;
  if (at) return at.level;
  return state.layout?.levels.includes(0) ? 0 : (state.layout?.levels[0] ?? 0);
}
