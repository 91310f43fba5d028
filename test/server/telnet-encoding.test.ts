import { describe, expect, it } from 'vitest';
import { encodeTelnetText, escapeIac, IAC } from '../../src/engine/server/telnet';

describe('telnet output encoding (fixes made for the server)', () => {
  it('escapeIac doubles every 255 byte, and hands back text without one as it is, uncopied', () => {
    expect([...escapeIac(Uint8Array.of(1, IAC, 2, IAC, IAC))]).toEqual([1, IAC, IAC, 2, IAC, IAC, IAC, IAC]);
    expect([...escapeIac(Uint8Array.of(IAC))]).toEqual([IAC, IAC]);
    expect([...escapeIac(new Uint8Array(0))]).toEqual([]);
    // UTF-8 never holds a 255 byte: a large text comes back as the same bytes, not a copy.
    const text = Buffer.from('é🐉 '.repeat(500_000), 'utf8');
    const out = escapeIac(text);
    expect(out.buffer).toBe(text.buffer);
    expect(out.equals(text)).toBe(true);
  });

  it('encodes game text: markup, CR LF line ends, UTF-8', () => {
    expect(encodeTelnetText('{bold}Hi{reset}\nthere', 'ansi16').toString('utf8')).toBe('\u001b[1mHi\u001b[0m\r\nthere');
    expect(encodeTelnetText('one line, no end', 'none').toString('utf8')).toBe('one line, no end');
    expect(encodeTelnetText('a\r\nb\nc', 'none').toString('utf8')).toBe('a\r\nb\r\nc');
  });
});
