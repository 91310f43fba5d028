import { StudioError } from './errors';

/** Pack names as the engine accepts them. */
export const PACK_NAME = /^[a-z0-9][a-z0-9._-]*$/;

export const MAX_PATH_LENGTH = 512;

/**
 * A path relative to a pack folder, checked by its text alone: `/`-separated,
 * no `..`, not absolute, no drive letter, no NUL or control character.
 * Returns it normalised (`./a//b` -> `a/b`); throws a StudioError saying what
 * is wrong. The host also checks where the path really leads on disk
 * (symlinks) before it touches anything.
 */
export function normalizePackPath(input: string): string {
  const refuse = (why: string): never => {
    throw new StudioError('forbidden', `The path ${JSON.stringify(input.slice(0, 200))} is refused: ${why}`);
  };
  if (input.length === 0) refuse('it is empty');
  if (input.length > MAX_PATH_LENGTH) refuse(`it is longer than ${MAX_PATH_LENGTH} characters`);
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(input)) refuse('it contains a control character');
  if (input.includes('\\')) refuse('use / to separate folders');
  if (input.startsWith('/') || /^[A-Za-z]:/.test(input)) refuse('it is absolute; give a path inside the pack folder');
  const parts = input.split('/').filter((p) => p !== '' && p !== '.');
  if (parts.includes('..')) refuse('it leads out of the pack folder (..)');
  if (parts.length === 0) refuse('it names the pack folder itself, not a file');
  return parts.join('/');
}

/** The last segment: `src/systems/combat.ts` -> `combat.ts`. */
export function baseName(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? path : path.slice(i + 1);
}

/** Everything before the last segment: `src/systems/combat.ts` -> `src/systems`; `pack.json` -> ``. */
export function dirName(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? '' : path.slice(0, i);
}

/** The editor's language for a file name. */
export function languageOf(path: string): 'typescript' | 'javascript' | 'json' | 'yaml' | 'markdown' | 'plaintext' {
  if (/\.(ts|tsx|mts|cts)$/.test(path)) return 'typescript';
  if (/\.(js|mjs|cjs|jsx)$/.test(path)) return 'javascript';
  if (path.endsWith('.json')) return 'json';
  // Area files (rooms, prototypes, spawns).
  if (/\.ya?ml$/.test(path)) return 'yaml';
  if (path.endsWith('.md')) return 'markdown';
  return 'plaintext';
}
