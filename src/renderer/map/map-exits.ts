// How each exit of a level's rooms is drawn: a line between two rooms on
// the level (once for a pair that leads both ways), a stub leading off the
// room (to a room on another level, or off the map: a room no loaded pack
// has), or, for up and down to another level, a mark inside the room.
import type { MapRoom } from '../../shared/model';
import { SCREEN_STEP, type MapLayout } from './layout';

export type ExitDrawing =
  | { kind: 'line'; from: string; to: string; dir: string; twoWay: boolean }
  | { kind: 'stub'; from: string; to: string; dir: string; step: [number, number]; offMap: boolean }
  | { kind: 'mark'; from: string; to: string; dir: 'up' | 'down'; offMap: boolean };

export function exitDrawings(rooms: readonly MapRoom[], layout: MapLayout, level: number): ExitDrawing[] {
  const byKey = new Map(rooms.map((r) => [r.key, r]));
  const out: ExitDrawing[] = [];
  for (const room of rooms) {
    if (layout.places[room.key]?.level !== level) continue;
    for (const [dir, to] of Object.entries(room.exits)) {
      const there = byKey.has(to) ? layout.places[to] : undefined;
      const offMap = there === undefined;
      // Up and down are marks in the room, unless the rooms are drawn on one level (laid out by ELK, without coordinates).
      if ((dir === 'up' || dir === 'down') && there?.level !== level) {
        out.push({ kind: 'mark', from: room.key, to, dir, offMap });
        continue;
      }
      const step = SCREEN_STEP[dir];
      if (there && there.level === level) {
        const twoWay = Object.values(byKey.get(to)?.exits ?? {}).includes(room.key);
        // A pair leading both ways is drawn once, by the room whose key sorts first.
        if (!(twoWay && to < room.key)) out.push({ kind: 'line', from: room.key, to, dir, twoWay });
      } else if (step) out.push({ kind: 'stub', from: room.key, to, dir, step, offMap });
    }
  }
  return out;
}
