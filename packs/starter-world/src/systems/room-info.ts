import { packOf, System, type World } from '@maid/engine';
import { Location, Player, Room } from '../components';
import { roomEntity } from '../world/places';

const SHORT_EXIT: Record<string, string> = { north: 'n', south: 's', east: 'e', west: 'w', up: 'u', down: 'd' };

/** A room's number for clients' mappers (GMCP wants numbers): a stable hash of its key. */
export function roomNumber(key: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) hash = Math.imul(hash ^ key.charCodeAt(i), 0x01000193);
  return (hash >>> 0) % 2_147_483_647 || 1;
}

/**
 * The GMCP `Room.Info` of a room: number, key, name, area (its file's
 * `area:` name, else its pack's name: Mudlet's mapper files every room in
 * an area), its exits by short direction, and (when its area file gives
 * them) the environment and the coordinates, the fields Mudlet's mapper reads.
 */
export function roomInfo(world: World, roomKey: string): Record<string, unknown> | undefined {
  const room = roomEntity(world, roomKey)?.get(Room);
  if (!room) return undefined;
  const exits: Record<string, number> = {};
  for (const [direction, to] of Object.entries(room.exits)) exits[SHORT_EXIT[direction] ?? direction] = roomNumber(to as string);
  return {
    num: roomNumber(roomKey),
    id: roomKey,
    name: room.name,
    area: room.area ?? packOf(roomKey),
    exits,
    ...(room.environment !== undefined ? { environment: room.environment } : {}),
    ...(room.coordinates ? { coords: [...room.coordinates] } : {}),
  };
}

/**
 * Tells each connected player's client where they are (GMCP `Room.Info`,
 * which mappers such as Mudlet's use) whenever their room changed, however
 * it changed: walking, dying, logging in.
 */
export class RoomInfoSystem extends System {
  override priority = 900;
  override name = 'RoomInfoSystem';
  /** The room last reported to each player. */
  private readonly reported = new Map<string, string>();

  constructor(world: World) {
    super(world);
    // A login (or a takeover by a new session) gets its room reported afresh.
    world.events.on('player:login', ({ actor }: { actor: { id: string } }) => this.reported.delete(actor.id));
  }

  update(): void {
    for (const player of this.world.query(Player, Location)) {
      if (!this.world.isOnline(player.id)) {
        this.reported.delete(player.id);
        continue;
      }
      const room = player.get(Location)?.room;
      if (room === undefined || this.reported.get(player.id) === room) continue;
      this.reported.set(player.id, room);
      const info = roomInfo(this.world, room);
      if (info) this.world.sendData(player, 'Room.Info', info);
    }
  }
}
