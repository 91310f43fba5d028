import { describe, expect, it } from 'vitest';
import { parseFlags, UsageFailure, type FlagSpecs } from '../../src/cli/args';
import { COMMANDS } from '../../src/cli/commands';
import { EXIT, interpret, type Invocation } from '../../src/cli/main';
import { runMaid } from './maid-process';

const shown = (argv: string[]) => {
  const i = interpret(argv);
  if (i.kind !== 'show') throw new Error(`expected text for ${argv.join(' ')}, got a command to run`);
  return i;
};
const run = (argv: string[]) => {
  const i: Invocation = interpret(argv);
  if (i.kind !== 'run') throw new Error(`expected a command for ${argv.join(' ')}, got: ${i.text}`);
  return i;
};

describe('flag parsing', () => {
  const specs: FlagSpecs = {
    type: { type: 'string', choices: ['module', 'pack'], help: '' },
    watch: { type: 'boolean', help: '' },
    'watch-debounce': { type: 'number', help: '' },
    content: { type: 'string', repeatable: true, help: '' },
  };
  it('reads switches, values in both spellings, repeated values and positionals', () => {
    expect(parseFlags(['combat', '--type', 'pack', '--watch', '--watch-debounce=0.2', '--content', 'a', '--content=b'], specs)).toEqual({
      flags: { type: 'pack', watch: true, 'watch-debounce': 0.2, content: ['a', 'b'] },
      positionals: ['combat'],
    });
    expect(parseFlags(['--watch=false', '--', '--not-a-flag'], specs)).toEqual({ flags: { watch: false }, positionals: ['--not-a-flag'] });
  });

  it('rejects unknown flags (suggesting the close one), bad choices, bad numbers and missing values', () => {
    const error = (argv: string[]) => {
      try {
        parseFlags(argv, specs);
      } catch (err) {
        expect(err).toBeInstanceOf(UsageFailure);
        return (err as Error).message;
      }
      throw new Error('no error');
    };
    expect(error(['--tpye', 'pack'])).toBe('Unknown option --tpye. Did you mean --type? Options: --type, --watch, --watch-debounce, --content');
    expect(error(['-w'])).toBe('Unknown option -w. Options: --type, --watch, --watch-debounce, --content');
    expect(error(['--type', 'everything'])).toBe('Invalid value "everything" for --type: choose one of module, pack');
    expect(error(['--watch-debounce', 'soon'])).toBe('Invalid value "soon" for --watch-debounce: expected a number');
    expect(error(['--type'])).toBe('--type needs a value');
    expect(error(['--watch=maybe'])).toBe('--watch is a switch: give it alone or as --watch=true/false');
  });
});

describe('maid command lines', () => {
  it('shows the overview with --help (exit 0) and without a command (exit 2, on stderr)', () => {
    expect(shown(['--help'])).toMatchObject({ code: EXIT.ok, stream: 'stdout' });
    expect(shown([])).toMatchObject({ code: EXIT.usage, stream: 'stderr' });
    const text = shown(['--help']).text;
    for (const c of COMMANDS) expect(text).toContain(`  ${c.words.join(' ')}`);
    expect(text).toContain('Exit codes: 0 done, 1 failed, 2 bad command line, 3 no running server, 4 token refused.');
  });

  it('has help for every command that lists each flag and argument, with examples that parse', () => {
    for (const c of COMMANDS) {
      const name = c.words.join(' ');
      for (const help of [shown([...c.words, '--help']), shown([...c.words, '-h']), shown(['help', ...c.words])]) {
        expect(help.code, name).toBe(EXIT.ok);
        for (const flag of Object.keys(c.flags)) expect(help.text, `${name} --${flag}`).toContain(`--${flag}`);
        for (const arg of c.args) expect(help.text).toContain(arg.name);
        expect(help.text).toContain('--help');
      }
      expect(c.examples.length, name).toBeGreaterThan(0);
      for (const example of c.examples) expect(run(example.split(' ').slice(1)).command).toBe(c);
    }
  });

  it('lists a group on `maid dev` (exit 2) and `maid dev --help` (exit 0)', () => {
    expect(shown(['dev'])).toMatchObject({ code: EXIT.usage, text: expect.stringContaining('dev reload') });
    expect(shown(['dev', '--help'])).toMatchObject({ code: EXIT.ok, text: expect.stringContaining('dev shell') });
  });

  it('rejects unknown commands, flags, values and arguments with exit 2 and what is valid', () => {
    expect(shown(['serve'])).toMatchObject({ code: EXIT.usage, text: "maid: unknown command 'serve'. Commands: server, dev, pack, account. Run 'maid --help' for more" });
    expect(shown(['dev', 'relaod'])).toMatchObject({ code: EXIT.usage, text: "maid: unknown command 'dev relaod'. Commands: dev reload, dev shell" });
    expect(shown(['dev', 'reload'])).toMatchObject({ code: EXIT.usage, text: expect.stringMatching(/^maid dev reload: missing TARGET: a pack name/) });
    expect(shown(['dev', 'reload', 'combat', '--type', 'file']).text).toBe(
      "maid dev reload: Invalid value \"file\" for --type: choose one of module, pack (see 'maid dev reload --help')",
    );
    expect(shown(['server', 'start', 'combat']).text).toBe("maid server start: unexpected argument 'combat' (to load a pack, use --content combat) (see 'maid server start --help')");
    expect(shown(['server', 'start', '--port', 'telnet']).code).toBe(EXIT.usage);
    expect(shown(['pack', 'test', 'a', 'b']).text).toContain("unexpected argument 'b'");
  });

  it('the real binary exits with those codes, and rejects an out-of-range setting naming the flag', async () => {
    expect((await runMaid(['--help'])).code).toBe(0);
    const none = await runMaid([]);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('Usage: maid <command> [options]');
    const range = await runMaid(['server', 'start', '--watch-debounce', '-1']);
    expect(range.code).toBe(2);
    expect(range.stderr).toBe("maid server start: Invalid value -1 for --watch-debounce: accepted values are a number from 0 to 60 (see 'maid server start --help')\n");
    const adminPort = await runMaid(['server', 'start', '--admin-port', '70000']);
    expect(adminPort.code).toBe(2);
    expect(adminPort.stderr).toContain('Invalid value 70000 for --admin-port: accepted values are 0-65535');
    const env = await runMaid(['dev', 'reload', 'combat'], { env: { MAID_LOG_LEVEL: 'LOUD' } });
    expect(env.code).toBe(2);
    expect(env.stderr).toContain('Invalid value "LOUD" for MAID_LOG_LEVEL: accepted values are DEBUG, INFO, WARNING, ERROR');
  });
});
