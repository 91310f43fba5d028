import { packOf } from './keys';
import type { ExitDirection, PackContent, RoomDef } from './types';

/**
 * Optional exits: `down: { to: combat:barrow-gate, optional: true }` leads
 * into a pack that may not be loaded. While no loaded pack has the room the
 * exit is absent from the live room (look and movement never see it); it
 * appears when that pack loads and goes when it unloads. Validation stays
 * strict where it can: an optional exit into the room's own pack, or into a
 * loaded pack that has no such room, is an error like any other bad exit.
 */

/** What is wrong with an optional exit, or undefined. */
export function optionalExitProblem(roomKey: string, dir: string, to: string, packName: string, hasRoom: (key: string) => boolean, loadedPack: (name: string) => boolean): string | undefined {
  const target = packOf(to);
  if (target === packName) return `exit ${dir} of room '${roomKey}' is optional but leads into its own pack ('${to}'): only an exit into another pack may be optional (remove optional)`;
  if (loadedPack(target) && !hasRoom(to)) return `exit ${dir} of room '${roomKey}' leads to unknown room '${to}' (pack '${target}' is loaded and has no such room)`;
  return undefined;
}

/** The room as the live world has it: its optional exits only where a loaded pack has the room. */
export function liveRoom(room: RoomDef, hasRoom: (key: string) => boolean): RoomDef {
  if (!room.optionalExits?.length) return room;
  const exits: RoomDef['exits'] = {};
  for (const [dir, to] of Object.entries(room.exits) as [ExitDirection, string][]) {
    if (!room.optionalExits.includes(dir) || hasRoom(to)) exits[dir] = to;
  }
  return { ...room, exits };
}

/** Rooms of loaded packs with an optional exit into another pack, by that pack's name. */
export function optionalExitsInto(contents: Iterable<PackContent>): Map<string, { packName: string; room: RoomDef }[]> {
  const out = new Map<string, { packName: string; room: RoomDef }[]>();
  for (const content of contents) {
    for (const file of content.files) {
      for (const room of file.rooms) {
        const targets = new Set((room.optionalExits ?? []).map((dir) => packOf(room.exits[dir] ?? '')));
        for (const target of targets) {
          const list = out.get(target) ?? [];
          list.push({ packName: content.packName, room });
          out.set(target, list);
        }
      }
    }
  }
  return out;
}
