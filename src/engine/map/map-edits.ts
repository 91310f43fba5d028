/**
 * The Map panel's edits: an exit drawn from one room to another, a room
 * added next to one. Each is written into the area file that owns the room
 * by the same writer the builder commands use (@open, @dig): refused with
 * the reason when the direction is taken, the file has unsaved edits in the
 * studio, or the pack is reloading; the watcher's reload then applies it.
 */
import type { GameEngine } from '../engine';
import { packOf, roomEntityKey } from '../content/keys';
import type { ExitDirection, RoomDef } from '../content/types';
import { BuildError, type AreaWriter } from '../building/area-writer';
import { direction, freeRoomKey, OPPOSITE, roomName, writtenKey } from '../building/builder-kit';
import type { MapEdit, MapEditResult } from './types';

/** One step on the map in each direction. */
const STEP: Record<ExitDirection, [number, number, number]> = { north: [0, 1, 0], south: [0, -1, 0], east: [1, 0, 0], west: [-1, 0, 0], up: [0, 0, 1], down: [0, 0, -1] };

function roomOf(engine: GameEngine, key: string, what: string): RoomDef {
  const room = engine.content.lookup().rooms.get(key);
  if (room) return room;
  const pack = packOf(key);
  const record = pack ? engine.getPack(pack) : undefined;
  if (record && !engine.content.contentOf(pack)?.files.length) throw new BuildError(`Pack '${pack}' has no area files: its rooms are made by its code, so the map cannot write them.`);
  throw new BuildError(`${what} '${key}' is not a room of a loaded area file.`);
}

function refuseTaken(room: RoomDef, dir: ExitDirection): void {
  const to = room.exits[dir];
  if (to) throw new BuildError(`${room.name} already has an exit ${dir} (to ${to}); nothing was written.`);
}

function addExit(engine: GameEngine, writer: AreaWriter, edit: Extract<MapEdit, { op: 'exit' }>): MapEditResult {
  const from = roomOf(engine, edit.from, 'The room the exit leaves from');
  const dir = direction(edit.direction);
  refuseTaken(from, dir);
  if (edit.to === from.key) throw new BuildError(`An exit from ${from.name} to itself is not drawn; pick another room.`);
  const to = roomOf(engine, edit.to, 'The room the exit leads to');
  if (!engine.world.findByKey(roomEntityKey(to.key))) throw new BuildError(`No loaded pack has a room '${to.key}' in the world.`);
  const packName = packOf(from.key);
  writer.write(
    {
      packName,
      file: from.at.file,
      edit: (text) => text.setExit(writtenKey(packName, from.key), dir, writtenKey(packName, to.key)),
      check: (area) => (area.rooms.find((r) => r.key === from.key)?.exits[dir] === to.key ? undefined : 'the exit is missing'),
      applied: `The exit ${dir} from ${from.name} to ${to.name} is open.`,
    },
    undefined,
  );
  return { summary: `Exit ${dir} from ${from.name} to ${to.name} written to ${packName}/${from.at.file}`, pack: packName, file: from.at.file };
}

function addRoom(engine: GameEngine, writer: AreaWriter, edit: Extract<MapEdit, { op: 'room' }>): MapEditResult {
  const from = roomOf(engine, edit.from, 'The room to add next to');
  const dir = direction(edit.direction);
  refuseTaken(from, dir);
  const name = roomName(edit.name);
  const packName = packOf(from.key);
  const lookup = engine.content.lookup();
  const key = freeRoomKey(packName, name, (k) => lookup.rooms.has(k) || lookup.prototypes.has(k) || lookup.spawns.has(k));
  const back = OPPOSITE[dir];
  const step = STEP[dir];
  const coordinates = from.coordinates ? (from.coordinates.map((c, i) => c + step[i]!) as [number, number, number]) : undefined;
  writer.write(
    {
      packName,
      file: from.at.file,
      edit(text) {
        text.addRoom({ key, name, description: 'A new room, not yet described.', exits: { [back]: writtenKey(packName, from.key) }, ...(coordinates ? { coordinates } : {}), ...(from.environment !== undefined ? { environment: from.environment } : {}) });
        text.setExit(writtenKey(packName, from.key), dir, key);
      },
      check(area) {
        const made = area.rooms.find((r) => r.key === `${packName}:${key}`);
        const there = area.rooms.find((r) => r.key === from.key);
        return made?.exits[back] === from.key && there?.exits[dir] === made.key ? undefined : 'the new room or its exits are missing';
      },
      applied: `${name} is added ${dir} of ${from.name}.`,
    },
    undefined,
  );
  return { summary: `Room ${name} (${packName}:${key}) added ${dir} of ${from.name}, written to ${packName}/${from.at.file}`, pack: packName, file: from.at.file, room: `${packName}:${key}` };
}

/** Writes the edit into its area file, or throws a BuildError saying why not (nothing written). */
export function applyMapEdit(engine: GameEngine, writer: AreaWriter, edit: MapEdit): MapEditResult {
  return edit.op === 'exit' ? addExit(engine, writer, edit) : addRoom(engine, writer, edit);
}
