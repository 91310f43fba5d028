import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { PackError } from '../core/errors';

/** The file a pack folder's default export comes from, unless its package.json `main` names another. */
export const PACK_ENTRY = join('src', 'pack.ts');

/** What a folder lacks to be a pack, in words for a message. */
export const NOT_A_PACK = `it has no ${PACK_ENTRY} (nor a package.json "main" naming its entry module)`;

/** The `main` of the folder's package.json, when it names a file inside the folder. */
function packageMain(dir: string): { main: string; exists: boolean } | undefined {
  let main: unknown;
  try {
    main = (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { main?: unknown }).main;
  } catch {
    return undefined; // no package.json, or not JSON: then the default entry decides
  }
  if (typeof main !== 'string' || main.trim() === '') return undefined;
  const file = resolve(dir, main);
  const rel = relative(dir, file);
  if (rel.startsWith('..') || isAbsolute(rel)) return undefined;
  return { main: rel, exists: existsSync(file) && statSync(file).isFile() };
}

/**
 * The pack's entry module relative to its folder: package.json `main` when
 * it names a file (the scaffold writes `"main": "src/pack.ts"`), else
 * `src/pack.ts` (or `src/pack.js`); undefined when the folder is no pack.
 */
export function packEntry(dir: string): string | undefined {
  const main = packageMain(dir);
  if (main?.exists) return main.main;
  for (const entry of [PACK_ENTRY, join('src', 'pack.js')]) if (existsSync(join(dir, entry))) return entry;
  return undefined;
}

export function isPackDir(dir: string): boolean {
  return packEntry(dir) !== undefined;
}

/** Why a folder is not a pack: what it lacks, or the `main` that names a missing file. */
export function whyNotAPack(dir: string): string {
  const main = packageMain(dir);
  if (main && !main.exists) return `its package.json "main" names ${main.main}, which does not exist (and it has no ${PACK_ENTRY})`;
  return NOT_A_PACK;
}

function subfolders(packsDir: string): { name: string; dir: string }[] {
  if (!existsSync(packsDir)) return [];
  return readdirSync(packsDir)
    .filter((name) => !name.startsWith('.'))
    .map((name) => ({ name, dir: join(packsDir, name) }))
    .filter(({ dir }) => statSync(dir).isDirectory())
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** Pack folders directly inside a packs folder, by folder name, sorted. */
export function discoverPacks(packsDir: string): { name: string; dir: string }[] {
  return subfolders(packsDir).filter(({ dir }) => isPackDir(dir));
}

/** Folders inside a packs folder that are not packs, with why (reported once at start, so none is skipped silently). */
export function discoverNonPacks(packsDir: string): { name: string; dir: string; reason: string }[] {
  return subfolders(packsDir)
    .filter(({ dir }) => !isPackDir(dir))
    .map((f) => ({ ...f, reason: whyNotAPack(f.dir) }));
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
  if (!isPackDir(dir)) throw new PackError(`${dir} is not a pack folder: ${whyNotAPack(dir)}`);
  return dir;
}
