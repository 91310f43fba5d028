import { describe, expect, it } from 'vitest';
import { hasDisplay } from './open-browser';
import { parseStudioFlags } from './studio-command';

describe('maid studio flags', () => {
  it('reads the options', () => {
    expect(parseStudioFlags(['--web', '--port', '0', '--game-port', '4001', '--packs-dir', 'p', '--content', 'combat', '--content', 'x', '--watch-debounce', '0.2', '--no-open', '--log-level', 'debug'])).toEqual({
      web: true,
      open: false,
      build: true,
      quiet: false,
      port: 0,
      options: { packsDir: 'p', content: ['combat', 'x'], watchDebounce: 0.2, gamePort: 4001, logLevel: 'DEBUG' },
    });
    expect(parseStudioFlags(['--help'])).toBe('help');
  });

  it.each([
    [['--port', 'abc'], /--port must be a number from 0 to 65535/],
    [['--watch-debounce', '99'], /--watch-debounce must be a number from 0 to 60/],
    [['--log-level', 'LOUD'], /--log-level must be one of DEBUG, INFO, WARNING, ERROR/],
    [['--frobnicate'], /Unknown option '--frobnicate'/],
    [['extra'], /positional/i],
  ])('refuses %j', (argv, why) => {
    expect(() => parseStudioFlags(argv)).toThrow(why);
  });

  it('opens a browser only where there is a display and no CI', () => {
    expect(hasDisplay({ DISPLAY: ':0' }, 'linux')).toBe(true);
    expect(hasDisplay({}, 'linux')).toBe(false);
    expect(hasDisplay({ DISPLAY: ':0', CI: 'true' }, 'linux')).toBe(false);
    expect(hasDisplay({}, 'darwin')).toBe(true);
  });
});
