import { MaidError } from '../engine';
import { formatFlagHelp, parseFlags, UsageFailure, type FlagSpecs, type ParsedFlags } from './args';
import { serverStart, serverStartFlags } from './commands/server-start';

interface CliCommand {
  words: [string, string];
  summary: string;
  usage: string;
  flags: FlagSpecs;
  run(flags: ParsedFlags, positionals: string[]): Promise<number>;
}

const COMMANDS: CliCommand[] = [
  {
    words: ['server', 'start'],
    summary: 'Start the game server with its packs',
    usage: 'maid server start [--host H] [--port 4000] [--watch] [--watch-debounce S] [--content PACK]... [--packs-dir DIR] [--data-dir DIR] [--debug]',
    flags: serverStartFlags,
    run: (flags) => serverStart(flags),
  },
];

/** Exit codes scripts can rely on. */
export const EXIT = { ok: 0, failure: 1, usage: 2 } as const;

function overview(): string {
  const width = Math.max(...COMMANDS.map((c) => c.words.join(' ').length));
  return [
    'maid: the MAID MUD engine',
    '',
    'Usage: maid <command> [options]',
    '',
    'Commands:',
    ...COMMANDS.map((c) => `  ${c.words.join(' ').padEnd(width)}  ${c.summary}`),
    '',
    "Run 'maid <command> --help' for a command's options.",
  ].join('\n');
}

export async function main(argv: string[]): Promise<number> {
  if (argv.length === 0 || argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help') {
    process.stdout.write(overview() + '\n');
    return argv.length === 0 ? EXIT.usage : EXIT.ok;
  }
  const command = COMMANDS.find((c) => c.words[0] === argv[0] && c.words[1] === argv[1]);
  if (!command) {
    const group = COMMANDS.filter((c) => c.words[0] === argv[0]).map((c) => c.words.join(' '));
    const hint = group.length > 0 ? `Commands: ${group.join(', ')}` : `Run 'maid --help' for the commands`;
    process.stderr.write(`maid: unknown command '${argv.slice(0, 2).join(' ')}'. ${hint}\n`);
    return EXIT.usage;
  }
  const rest = argv.slice(2);
  if (rest.includes('--help') || rest.includes('-h')) {
    process.stdout.write(`${command.summary}\n\nUsage: ${command.usage}\n\nOptions:\n${formatFlagHelp(command.flags)}\n  --help  Show this help\n`);
    return EXIT.ok;
  }
  try {
    const { flags, positionals } = parseFlags(rest, command.flags);
    return await command.run(flags, positionals);
  } catch (err) {
    if (err instanceof UsageFailure) {
      process.stderr.write(`maid ${command.words.join(' ')}: ${err.message}\n`);
      return EXIT.usage;
    }
    if (err instanceof MaidError) {
      process.stderr.write(`maid ${command.words.join(' ')}: ${err.message}\n`);
      return EXIT.failure;
    }
    throw err;
  }
}
