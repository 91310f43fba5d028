import { existsSync, readdirSync, statSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { PackError } from '../core/errors';

/** The file a pack folder's default export comes from. */
export const PACK_ENTRY = join('src', 'pack.ts');

export function isPackDir(dir: string): boolean {
  return existsSync(join(dir, PACK_ENTRY)) || existsSync(join(dir, 'src', 'pack.js'));
}

/** Pack folders directly inside a packs folder, by folder name, sorted. */
export function discoverPacks(packsDir: string): { name: string; dir: string }[] {
  if (!existsSync(packsDir)) return [];
  return readdirSync(packsDir)
    .filter((name) => !name.startsWith('.'))
    .map((name) => ({ name, dir: join(packsDir, name) }))
    .filter(({ dir }) => statSync(dir).isDirectory() && isPackDir(dir))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * Turns a `--content` value into a pack folder: a path (anything with a
 * slash, or starting with a dot) is taken as is; a bare name is looked up
 * in the packs folder.
 */
export function resolvePackDir(content: string, packsDir: string, cwd = process.cwd()): string {
  const looksLikePath = content.includes('/') || content.includes('\\') || content.startsWith('.') || isAbsolute(content);
  const dir = looksLikePath ? resolve(cwd, content) : join(packsDir, content);
  if (!existsSync(dir)) {
    const known = discoverPacks(packsDir).map((p) => p.name);
    throw new PackError(
      looksLikePath
        ? `No pack folder at ${dir}`
        : `No pack named '${content}' in ${packsDir}${known.length ? `; available: ${known.join(', ')}` : ' (it holds no packs)'}`,
    );
  }
  if (!isPackDir(dir)) throw new PackError(`${dir} is not a pack folder: it has no ${PACK_ENTRY}`);
  return dir;
}
