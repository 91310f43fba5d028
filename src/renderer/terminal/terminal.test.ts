import { describe, expect, it } from 'vitest';
import { InputHistory } from './input-history';
import { asksForPassword, echoFromGmcp, formatGmcp, parseGmcp, stripAnsi } from './mud-protocol';

describe('input history', () => {
  it('walks back and forth like a shell, keeping the draft', () => {
    const h = new InputHistory();
    h.push('look');
    h.push('north');
    h.push('north'); // repeats are kept once
    h.push('   '); // blanks are not kept
    expect(h.up('att')).toBe('north');
    expect(h.up('')).toBe('look');
    expect(h.up('')).toBe('look');
    expect(h.down()).toBe('north');
    expect(h.down()).toBe('att');
  });

  it('never keeps a password', () => {
    const h = new InputHistory();
    h.push('hunter2', true);
    expect(h.size).toBe(0);
    expect(h.up('x')).toBe('x');
  });
});

describe('the game protocol', () => {
  it('reads and writes GMCP', () => {
    expect(parseGmcp('Char.Vitals {"hp":10}')).toEqual({ package: 'Char.Vitals', data: { hp: 10 } });
    expect(parseGmcp('Core.Ping')).toEqual({ package: 'Core.Ping', data: undefined });
    expect(parseGmcp('Char.Vitals {broken')).toBeNull();
    expect(formatGmcp('Core.Window', { width: 80, height: 24 })).toBe('Core.Window {"width":80,"height":24}');
    expect(echoFromGmcp({ package: 'core.echo', data: { echo: false } })).toBe(false);
    expect(echoFromGmcp({ package: 'Char.Vitals', data: {} })).toBeUndefined();
  });

  it('notices a password prompt, colours and all', () => {
    expect(asksForPassword('Welcome!\r\n\x1b[1mPassword:\x1b[0m ')).toBe(true);
    expect(asksForPassword('Choose a password for Aldric: ')).toBe(true);
    expect(asksForPassword('Confirm your password > ')).toBe(true);
    expect(asksForPassword('The password is on the wall.\r\nYou see a door.')).toBe(false);
    expect(stripAnsi('\x1b[31mred\x1b[0m')).toBe('red');
  });
});
