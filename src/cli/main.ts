import { MaidError } from '../engine/host';
import { AdminError } from '../engine/admin';
import { parseFlags, UsageFailure, type ParsedFlags } from './args';
import type { CliCommand } from './command';
import { COMMANDS } from './commands';
import { EXIT } from './exit-codes';
import { commandHelp, groupHelp, overview } from './help';

export { EXIT } from './exit-codes';

const ADMIN_EXIT: Record<AdminError['kind'], number> = {
  'no-server': EXIT.noServer,
  unauthorized: EXIT.unauthorized,
  'not-found': EXIT.usage,
  'bad-request': EXIT.usage,
  failed: EXIT.failure,
};

/** What a command line asks for: text to show (help, or a usage error), or a command to run. */
export type Invocation =
  | { kind: 'show'; text: string; stream: 'stdout' | 'stderr'; code: number }
  | { kind: 'run'; command: CliCommand; flags: ParsedFlags; args: string[] };

const isHelp = (arg: string | undefined) => arg === '--help' || arg === '-h' || arg === 'help';

function checkArgs(command: CliCommand, positionals: string[]): void {
  const required = command.args.filter((a) => a.required);
  if (positionals.length < required.length) {
    const missing = required[positionals.length];
    throw new UsageFailure(`missing ${missing?.name}: ${missing?.help}${command.examples[0] ? `. Example: ${command.examples[0]}` : ''}`);
  }
  const extra = positionals[command.args.length];
  if (extra !== undefined) {
    const hint = 'content' in command.flags ? ` (to load a pack, use --content ${extra})` : '';
    throw new UsageFailure(`unexpected argument '${extra}'${hint}`);
  }
}

/** `maid dev reload: Unknown option --tpye. Did you mean --type? ... (see 'maid dev reload --help')` */
function usageText(command: CliCommand, err: UsageFailure): string {
  const name = `maid ${command.words.join(' ')}`;
  return `${name}: ${err.message.replace(/\.$/, '')} (see '${name} --help')`;
}

/** Works out what `maid <argv>` means without running anything (the docs' tests check every example with it). */
export function interpret(argv: readonly string[], commands: readonly CliCommand[] = COMMANDS): Invocation {
  const show = (text: string, code: number): Invocation => ({ kind: 'show', text, stream: code === EXIT.ok ? 'stdout' : 'stderr', code });
  if (argv.length === 0) return show(overview(commands), EXIT.usage);
  if (isHelp(argv[0])) return argv.length > 1 ? interpret([...argv.slice(1), '--help'], commands) : show(overview(commands), EXIT.ok); // `maid help dev reload`
  const group = commands.filter((c) => c.words[0] === argv[0]);
  if (group.length === 0) {
    return show(`maid: unknown command '${argv[0]}'. Commands: ${[...new Set(commands.map((c) => c.words[0]))].join(', ')}. Run 'maid --help' for more`, EXIT.usage);
  }
  if (argv.length === 1 || isHelp(argv[1])) return show(groupHelp(argv[0] as string, commands), argv.length === 1 ? EXIT.usage : EXIT.ok);
  const command = group.find((c) => c.words[1] === argv[1]);
  if (!command) return show(`maid: unknown command '${argv.slice(0, 2).join(' ')}'. Commands: ${group.map((c) => c.words.join(' ')).join(', ')}`, EXIT.usage);
  const rest = argv.slice(2);
  const dashDash = rest.indexOf('--');
  if ((dashDash < 0 ? rest : rest.slice(0, dashDash)).some((a) => a === '--help' || a === '-h')) return show(commandHelp(command), EXIT.ok);
  try {
    const { flags, positionals } = parseFlags(rest, command.flags);
    checkArgs(command, positionals);
    return { kind: 'run', command, flags, args: positionals };
  } catch (err) {
    if (err instanceof UsageFailure) return { kind: 'show', text: usageText(command, err), stream: 'stderr', code: EXIT.usage };
    throw err;
  }
}

/** Runs `maid <argv>` and returns the exit code; a user's mistake is a message and a code, never a stack trace. */
export async function main(argv: string[], commands: readonly CliCommand[] = COMMANDS): Promise<number> {
  // `maid studio` is the studio's own launcher (one word, its own flags); loaded only when asked for.
  if (argv[0] === 'studio') {
    const { studioCommand } = await import('../main/launch/studio-command');
    return studioCommand(argv.slice(1));
  }
  const invocation = interpret(argv, commands);
  if (invocation.kind === 'show') {
    process[invocation.stream].write(invocation.text + '\n');
    return invocation.code;
  }
  const { command, flags, args } = invocation;
  const fail = (text: string) => process.stderr.write(`maid ${command.words.join(' ')}: ${text}\n`);
  try {
    return await command.run(flags, args);
  } catch (err) {
    if (err instanceof UsageFailure) {
      process.stderr.write(`${usageText(command, err)}\n`);
      return EXIT.usage;
    }
    if (err instanceof AdminError) {
      fail(err.message);
      return ADMIN_EXIT[err.kind];
    }
    if (err instanceof MaidError) {
      fail(err.message);
      return EXIT.failure;
    }
    fail(`unexpected error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    return EXIT.failure;
  }
}
