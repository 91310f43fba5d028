/** Content keys: `pack:local`. A file may name its own pack's entries bare. */

const LOCAL = /^[a-z0-9][a-z0-9._-]*$/;

/** The qualified form of a reference written in `packName`'s files; undefined when it is not a key at all. */
export function qualify(packName: string, ref: string): string | undefined {
  const colon = ref.indexOf(':');
  if (colon < 0) return LOCAL.test(ref) ? `${packName}:${ref}` : undefined;
  const pack = ref.slice(0, colon);
  const local = ref.slice(colon + 1);
  return LOCAL.test(pack) && LOCAL.test(local) ? ref : undefined;
}

/** The pack a qualified key belongs to. */
export function packOf(key: string): string {
  return key.slice(0, key.indexOf(':'));
}

/** The entity key of a room: what `world.findByKey` finds it by. */
export function roomEntityKey(roomKey: string): string {
  return `room:${roomKey}`;
}

/** The entity key of the n-th (1-based) instance of a spawn: the spawn's key, then `#2`, `#3`... */
export function spawnEntityKey(spawnKey: string, n: number): string {
  return n === 1 ? spawnKey : `${spawnKey}#${n}`;
}
