import { describe, expect, it } from 'vitest';
import { nameKey, RESERVED_NAMES, validateName } from './names';

describe('validateName', () => {
  it('accepts 3 to 20 letters, trimmed, with a lower-case key', () => {
    expect(validateName('  Aragorn ')).toEqual({ ok: true, name: 'Aragorn', key: 'aragorn' });
    expect(validateName('Bob')).toMatchObject({ ok: true });
    expect(validateName('A'.repeat(20))).toMatchObject({ ok: true });
  });

  it('refuses with a message a player understands', () => {
    expect(validateName('')).toEqual({ ok: false, message: 'Please type a name for your account.' });
    expect(validateName('', { kind: 'character' })).toEqual({ ok: false, message: 'Please type a name for your character.' });
    expect(validateName('Al')).toEqual({ ok: false, message: 'That name is too short: use at least 3 letters.' });
    expect(validateName('A'.repeat(21))).toEqual({ ok: false, message: 'That name is too long: use at most 20 letters.' });
    expect(validateName('Mary Jane')).toEqual({ ok: false, message: 'A name is one word: no spaces.' });
    for (const bad of ['R2D2', 'Zoë', 'bob_the', 'x-y-z', 'Ωmega', 'ab\u0000c']) {
      expect(validateName(bad)).toEqual({ ok: false, message: 'A name can only use the letters A to Z: no digits, accents, or symbols.' });
    }
    expect(validateName(undefined as unknown as string)).toMatchObject({ ok: false });
  });

  it('refuses reserved words in any case, and a game\'s own extra list', () => {
    for (const word of ['new', 'QUIT', 'Admin', 'sysop', 'Self']) {
      expect(validateName(word)).toEqual({ ok: false, message: `"${word}" is reserved; please choose another name.` });
    }
    expect(RESERVED_NAMES.has('admin')).toBe(true);
    expect(validateName('Gandalf', { reserved: ['GANDALF'] })).toMatchObject({ ok: false, message: '"Gandalf" is reserved; please choose another name.' });
    expect(validateName('Frodo', { reserved: ['gandalf'] })).toMatchObject({ ok: true });
  });

  it('keys names so that case variants collide', () => {
    expect(nameKey('Alice')).toBe(nameKey('aLiCe'));
    expect(nameKey('Alice')).not.toBe(nameKey('Alicia'));
  });
});
