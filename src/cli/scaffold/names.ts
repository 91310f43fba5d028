import { UsageFailure } from '../args';

/** The engine's rule for pack names (the manifest name, and the `@packs/<name>` import). */
const PACK_NAME = /^[a-z0-9][a-z0-9._-]*$/;

/** Checks a name given to `maid pack new`; a bad one is a usage error that says what a name may be. */
export function checkPackName(name: string): void {
  if (name.includes('/') || name.includes('\\')) {
    throw new UsageFailure(`NAME is a pack name, not a path ('${name}'): use --packs-dir DIR to create it elsewhere`);
  }
  if (!PACK_NAME.test(name) || name.length > 64) {
    throw new UsageFailure(`'${name}' is not a valid pack name: use lower-case letters, digits, '.', '_' or '-', starting with a letter or digit, at most 64 characters (e.g. my-pack)`);
  }
}

/** `my-pack` -> `MyPack`, `dungeon` -> `Dungeon`: a prefix for names that must differ from pack to pack. */
export function pascalName(name: string): string {
  const pascal = name
    .split(/[-._]+/)
    .filter(Boolean)
    .map((w) => (w[0] as string).toUpperCase() + w.slice(1))
    .join('');
  return /^\d/.test(pascal) ? `Pack${pascal}` : pascal;
}

/** `my-pack` -> `MyPack`, `dungeon` -> `DungeonPack`: the pack class's name. */
export function packClassName(name: string): string {
  const pascal = pascalName(name);
  return pascal.endsWith('Pack') ? pascal : `${pascal}Pack`;
}

/**
 * The word players type for the new pack's command: the pack's name as a
 * command word (`my-pack`, `3d-world` -> `pack-3d-world`). Command words
 * and component names are shared by every loaded pack, so the scaffold
 * derives them from the pack's name: two new packs load side by side.
 */
export function commandWord(name: string): string {
  const word = name.replace(/\./g, '-');
  return /^[a-z]/.test(word) ? word : `pack-${word}`;
}
