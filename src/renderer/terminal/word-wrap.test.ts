import { describe, expect, it } from 'vitest';
import { WordWrapper } from './word-wrap';

const visible = (text: string) => text.replace(/\x1b\[[0-9;]*[A-Za-z]/g, ''); // eslint-disable-line no-control-regex

describe('word wrapping of game text', () => {
  it('breaks a long line at spaces, never inside a word, for the terminal width', () => {
    const w = new WordWrapper(20);
    const out = w.wrap('Barrels line the damp walls of this cramped cellar. Something scratches.\r\n');
    const lines = out.split('\r\n');
    expect(lines).toEqual(['Barrels line the', 'damp walls of this', 'cramped cellar.', 'Something scratches.', '']);
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(20);
  });

  it('counts no columns for colour codes and keeps them with their word', () => {
    const w = new WordWrapper(12);
    const out = w.wrap('\x1b[36mExits: north, east\x1b[0m\r\n');
    expect(visible(out).split('\r\n')).toEqual(['Exits:', 'north, east', '']);
    expect(out.startsWith('\x1b[36mExits:')).toBe(true);
  });

  it('follows the column across chunks (a prompt, then the echoed command, then the answer)', () => {
    const w = new WordWrapper(10);
    expect(w.wrap('> ')).toBe('> ');
    expect(w.wrap('attack rat')).toBe('attack\r\nrat');
    expect(w.wrap('\r\nYou hit it.')).toBe('\r\nYou hit\r\nit.');
  });

  it('leaves a word longer than a line to the terminal, and follows where it ends', () => {
    const w = new WordWrapper(5);
    // "abcde" fills the first line, "fgh" ends at column 3 of the next: "ij" no longer fits beside it.
    expect(w.wrap('abcdefgh ij')).toBe('abcdefgh\r\nij');
    expect(w.wrap(' klm')).toBe('\r\nklm');
  });

  it('re-wraps for a new width after a resize', () => {
    const w = new WordWrapper(80);
    w.resize(8);
    expect(w.wrap('one two three\n')).toBe('one two\r\nthree\n');
  });
});
