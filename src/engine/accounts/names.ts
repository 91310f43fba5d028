/**
 * Account and character names: what is accepted, and how two names are
 * recognised as the same (the case-insensitive key the storage indexes).
 * Messages go to the player as they are.
 */
import { nameKey } from '../storage/types';

export { nameKey };

export const MIN_NAME_LENGTH = 3;
export const MAX_NAME_LENGTH = 20;

/**
 * Names no one may take: login-screen words (a player typing "new" means to
 * create an account), staff titles others could be fooled by, and words
 * commands use to mean someone else.
 */
export const RESERVED_NAMES: ReadonlySet<string> = new Set([
  'new', 'quit', 'exit', 'logout', 'login', 'help', 'who', 'look', 'create',
  'admin', 'administrator', 'root', 'sysop', 'system', 'server', 'staff', 'moderator', 'mod', 'builder', 'wizard', 'god', 'owner', 'support', 'maid',
  'guest', 'player', 'account', 'character', 'nobody', 'someone', 'anyone', 'everyone', 'all', 'self', 'me', 'you', 'here', 'null', 'undefined',
]);

export type NameKind = 'account' | 'character';

export type NameCheck =
  | { ok: true; /** trimmed, as typed */ name: string; /** uniqueness key */ key: string }
  | { ok: false; /** for the player */ message: string };

export interface NameRules {
  kind?: NameKind;
  /** More names to refuse (e.g. a game's NPC names); compared case-insensitively. */
  reserved?: Iterable<string>;
}

const LETTERS = /^[A-Za-z]+$/;

/** Checks a name typed by a player: letters only, 3–20 of them, not reserved. */
export function validateName(input: string, rules: NameRules = {}): NameCheck {
  const kind = rules.kind ?? 'account';
  const name = typeof input === 'string' ? input.trim() : '';
  if (name === '') return { ok: false, message: `Please type a name for your ${kind}.` };
  if (/\s/.test(name)) return { ok: false, message: 'A name is one word: no spaces.' };
  if (!LETTERS.test(name)) return { ok: false, message: 'A name can only use the letters A to Z: no digits, accents, or symbols.' };
  if (name.length < MIN_NAME_LENGTH) return { ok: false, message: `That name is too short: use at least ${MIN_NAME_LENGTH} letters.` };
  if (name.length > MAX_NAME_LENGTH) return { ok: false, message: `That name is too long: use at most ${MAX_NAME_LENGTH} letters.` };
  const key = nameKey(name);
  if (RESERVED_NAMES.has(key) || isExtraReserved(key, rules.reserved)) return { ok: false, message: `"${name}" is reserved; please choose another name.` };
  return { ok: true, name, key };
}

function isExtraReserved(key: string, extra: Iterable<string> | undefined): boolean {
  if (extra === undefined) return false;
  for (const word of extra) if (nameKey(word) === key) return true;
  return false;
}
