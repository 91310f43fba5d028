// Where each room is drawn. An area that gives coordinates is laid out by
// them (x east, y north, z the level); the rooms of an area that gives none
// are laid out by ELK (a graph-layout library, run here in the page) from
// their exits, and placed beside what the coordinates drew. Positions are in
// grid cells: one cell is one step of the coordinates.
import type { MapRoom } from '../../shared/model';

export interface RoomPlace {
  x: number;
  /** Screen rows: north is up, so a coordinate's y is negated. */
  y: number;
  level: number;
}

export interface MapLayout {
  places: Record<string, RoomPlace>;
  /** The levels in use, lowest first. */
  levels: number[];
}

/** Cells between the coordinate-laid rooms and the first ELK-laid area. */
const GAP = 2;
/** ELK works in points: a room's box and the spacing it keeps, turned into cells after. */
const ELK_CELL = 100;

export function coordinatePlaces(rooms: readonly MapRoom[]): Record<string, RoomPlace> {
  const places: Record<string, RoomPlace> = {};
  for (const room of rooms) {
    if (!room.coordinates) continue;
    const [x, y, z] = room.coordinates;
    places[room.key] = { x, y: -y, level: z };
  }
  return places;
}

interface ElkLike {
  layout(graph: ElkGraph): Promise<ElkGraph>;
}
interface ElkGraph {
  id: string;
  layoutOptions?: Record<string, string>;
  children?: { id: string; width: number; height: number; x?: number; y?: number }[];
  edges?: { id: string; sources: string[]; targets: string[] }[];
}

let elk: Promise<ElkLike> | undefined;
/** ELK is loaded the first time an area without coordinates is drawn (bundled with the studio, nothing fetched). */
function loadElk(): Promise<ElkLike> {
  elk ??= import('elkjs/lib/elk.bundled.js').then((m) => new m.default() as unknown as ElkLike);
  return elk;
}

/** ELK's layout of one area's rooms, by their exits inside the area, in cells from (0, 0). */
async function elkPlaces(rooms: readonly MapRoom[]): Promise<Record<string, { x: number; y: number }>> {
  const keys = new Set(rooms.map((r) => r.key));
  const edges = rooms.flatMap((r) => Object.entries(r.exits).filter(([, to]) => keys.has(to) && to !== r.key).map(([dir, to]) => ({ id: `${r.key}>${dir}`, sources: [r.key], targets: [to] })));
  const graph = await (await loadElk()).layout({
    id: 'area',
    layoutOptions: { 'elk.algorithm': 'stress', 'elk.stress.desiredEdgeLength': String(ELK_CELL) },
    children: rooms.map((r) => ({ id: r.key, width: ELK_CELL / 2, height: ELK_CELL / 2 })),
    edges,
  });
  const out: Record<string, { x: number; y: number }> = {};
  const children = graph.children ?? [];
  const minX = Math.min(...children.map((c) => c.x ?? 0));
  const minY = Math.min(...children.map((c) => c.y ?? 0));
  for (const c of children) out[c.id] = { x: Math.round(((c.x ?? 0) - minX) / ELK_CELL), y: Math.round(((c.y ?? 0) - minY) / ELK_CELL) };
  return out;
}

/** Moves rooms that landed on the same cell of a level apart, one cell east at a time. */
function spread(places: Record<string, RoomPlace>): void {
  const taken = new Set<string>();
  for (const [key, p] of Object.entries(places)) {
    while (taken.has(`${p.level}:${p.x}:${p.y}`)) p.x++;
    taken.add(`${p.level}:${p.x}:${p.y}`);
    places[key] = p;
  }
}

export async function layoutMap(rooms: readonly MapRoom[]): Promise<MapLayout> {
  const places = coordinatePlaces(rooms);
  const loose = rooms.filter((r) => !r.coordinates);
  let right = Math.max(-GAP, ...Object.values(places).map((p) => p.x)) + GAP;
  const top = Math.min(0, ...Object.values(places).map((p) => p.y));
  const byArea = new Map<string, MapRoom[]>();
  for (const room of loose) byArea.set(room.area, [...(byArea.get(room.area) ?? []), room]);
  for (const area of [...byArea.keys()].sort()) {
    const laid = await elkPlaces(byArea.get(area) ?? []);
    let width = 0;
    for (const [key, at] of Object.entries(laid)) {
      places[key] = { x: right + at.x, y: top + at.y, level: 0 };
      width = Math.max(width, at.x);
    }
    right += width + GAP;
  }
  spread(places);
  const levels = [...new Set(Object.values(places).map((p) => p.level))].sort((a, b) => a - b);
  return { places, levels };
}

/** One colour per area, the same for an area however the map changes (by its name). */
export function areaColour(area: string): string {
  let hash = 0;
  for (let i = 0; i < area.length; i++) hash = (hash * 31 + area.charCodeAt(i)) >>> 0;
  return `hsl(${hash % 360} 55% 42%)`;
}

/** The unit step of a direction on screen (up and down are drawn as marks, not steps). */
export const SCREEN_STEP: Record<string, [number, number] | undefined> = { north: [0, -1], south: [0, 1], east: [1, 0], west: [-1, 0] };

/** The direction from one place to another, as the map shows them (for drawing an exit between two rooms). */
export function directionBetween(from: RoomPlace, to: RoomPlace): string {
  if (to.level !== from.level) return to.level > from.level ? 'up' : 'down';
  const dx = to.x - from.x;
  const dy = to.y - from.y;
  if (Math.abs(dx) >= Math.abs(dy)) return dx >= 0 ? 'east' : 'west';
  return dy >= 0 ? 'south' : 'north';
}
