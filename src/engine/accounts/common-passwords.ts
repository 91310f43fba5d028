/**
 * Passwords attackers try first, refused when a player chooses one (as
 * NIST SP 800-63B asks): the 10,000 most common ones of 8+ characters
 * (common-passwords.data.ts says where they come from), and runs such as
 * `abcdefgh`, `87654321` or `asdfghjk` that no list holds in every variant.
 *
 * The list is a Set built once, on the first check, from one string (about
 * 100 KB): lookups are O(1) and its memory is fixed (a few hundred KB)
 * whatever the number of checks. A binary search over the sorted text would
 * save that memory but cost a search per check; registrations are rare and
 * the Set is simpler to get right.
 */
import { COMMON_PASSWORDS_TEXT } from './common-passwords.data';

let common: ReadonlySet<string> | undefined;

function commonPasswords(): ReadonlySet<string> {
  common ??= new Set(COMMON_PASSWORDS_TEXT.split('\n'));
  return common;
}

/** How many passwords the shipped list holds. */
export function commonPasswordCount(): number {
  return commonPasswords().size;
}

/** Keyboard rows (US layout), whose runs are as guessable as the alphabet's. */
const KEYBOARD_ROWS = ['`1234567890-=', 'qwertyuiop[]\\', "asdfghjkl;'", 'zxcvbnm,./', 'qazwsxedcrfvtgbyhnujmikolp'];

/** True when every character follows the one before by the same step of ±1 (abcdefgh, 98765432). */
function isStraightRun(s: string): boolean {
  const step = s.charCodeAt(1) - s.charCodeAt(0);
  if (step !== 1 && step !== -1) return false;
  for (let i = 2; i < s.length; i++) if (s.charCodeAt(i) - s.charCodeAt(i - 1) !== step) return false;
  return true;
}

function isKeyboardRun(s: string): boolean {
  const reversed = [...s].reverse().join('');
  return KEYBOARD_ROWS.some((row) => row.includes(s) || row.includes(reversed));
}

/** True when the password is a short unit repeated (abcabcabc, 12121212). */
function isRepeatedUnit(s: string): boolean {
  for (let unit = 1; unit <= 4 && unit * 2 <= s.length; unit++) {
    if (s.length % unit === 0 && s.slice(0, unit).repeat(s.length / unit) === s) return true;
    if (s.slice(0, unit).repeat(Math.ceil(s.length / unit)).startsWith(s)) return true;
  }
  return false;
}

/** Why this password is too easy to guess, in words for the player; undefined when it is not one of those. */
export function guessablePasswordProblem(plain: string): string | undefined {
  const s = plain.toLowerCase();
  if (commonPasswords().has(s)) {
    return 'That password is one of the 10,000 most common passwords, which attackers try first. Please choose another (a few unrelated words make a good one).';
  }
  if (isStraightRun(s) || isKeyboardRun(s)) {
    return 'That password is a run of neighbouring characters (like abcdefgh, 12345678 or qwertyui), which attackers try first. Please choose another.';
  }
  if (isRepeatedUnit(s)) {
    return 'That password repeats a few characters over and over, which attackers try first. Please choose another.';
  }
  return undefined;
}
