import { describe, expect, it } from 'vitest';
import { colorLevelOf, escapeMarkup, renderMarkup, stripAnsi } from './ansi';

describe('colour markup', () => {
  it('renders attributes and the 16 colours', () => {
    expect(renderMarkup('{bold}{red}Danger!{reset}', 'ansi16')).toBe('\x1b[1m\x1b[31mDanger!\x1b[0m');
    expect(renderMarkup('{bright-blue}{bg-green}{bg-bright-white}{gray}', 'ansi16')).toBe('\x1b[94m\x1b[42m\x1b[107m\x1b[90m');
    expect(renderMarkup('{RED}x', 'ansi16')).toBe('\x1b[31mx');
  });

  it('renders 256 and truecolor, downgrading for weaker terminals', () => {
    expect(renderMarkup('{c208}', 'ansi256')).toBe('\x1b[38;5;208m');
    expect(renderMarkup('{bg-c208}', 'truecolor')).toBe('\x1b[48;5;208m');
    expect(renderMarkup('{#ff8800}', 'truecolor')).toBe('\x1b[38;2;255;136;0m');
    expect(renderMarkup('{bg-#f80}', 'truecolor')).toBe('\x1b[48;2;255;136;0m');
    expect(renderMarkup('{#ff8700}', 'ansi256')).toBe('\x1b[38;5;208m');
    expect(renderMarkup('{#ff0000}', 'ansi16')).toBe('\x1b[91m');
    expect(renderMarkup('{c196}', 'ansi16')).toBe('\x1b[91m');
    expect(renderMarkup('{c1}', 'ansi16')).toBe('\x1b[31m');
    expect(renderMarkup('{#808080}', 'ansi256')).toBe('\x1b[38;5;244m');
  });

  it('drops tags at level none, and leaves unknown brace groups and JSON alone', () => {
    expect(renderMarkup('{bold}hi{reset} {c999} {x} {"a":1}', 'none')).toBe('hi {c999} {x} {"a":1}');
    expect(renderMarkup('{{red} is literal', 'ansi16')).toBe('{red} is literal');
  });

  it('escapeMarkup makes player text inert', () => {
    const said = escapeMarkup('{red}gotcha{{');
    expect(renderMarkup(`{green}${said}{reset}`, 'ansi16')).toBe('\x1b[32m{red}gotcha{{\x1b[0m');
  });

  it('stripAnsi removes SGR, cursor movement, OSC titles and stray ESC', () => {
    expect(stripAnsi('\x1b[1;31mred\x1b[0m \x1b[2J\x1b[Hx \x1b]0;title\x07y \x1b]8;;http://x\x1b\\z\x1b')).toBe('red x y z');
    expect(stripAnsi('\u009b31mc1')).toBe('c1');
    expect(stripAnsi('plain')).toBe('plain');
  });

  it('picks the best level from capabilities', () => {
    expect(colorLevelOf({ ansi: true, color256: false, truecolor: false })).toBe('ansi16');
    expect(colorLevelOf({ ansi: true, color256: true, truecolor: false })).toBe('ansi256');
    expect(colorLevelOf({ ansi: false, color256: false, truecolor: true })).toBe('truecolor');
    expect(colorLevelOf({ ansi: false, color256: false, truecolor: false })).toBe('none');
  });
});
