import type { FlagSpecs, ParsedFlags } from './args';

/** A positional argument of a command, shown in its help and checked before it runs. */
export interface ArgSpec {
  name: string;
  help: string;
  required: boolean;
}

/** One `maid <group> <verb>` command: what --help shows, and how to run it. */
export interface CliCommand {
  words: [string, string];
  summary: string;
  /** Shown in --help under the usage line: what the command does, in a few lines. */
  description?: string;
  args: ArgSpec[];
  flags: FlagSpecs;
  /** Command lines shown in --help (each one run by the CLI tests). */
  examples: string[];
  run(flags: ParsedFlags, args: string[]): Promise<number>;
}

/** `maid dev reload TARGET [--type module|pack] ...`: the synopsis, built from the specs. */
export function usageLine(command: CliCommand): string {
  const args = command.args.map((a) => (a.required ? a.name : `[${a.name}]`));
  const flags = Object.entries(command.flags).map(([name, s]) => {
    const value = s.type === 'boolean' ? '' : ` ${s.choices ? s.choices.join('|') : (s.value ?? 'VALUE')}`;
    return `[--${name}${value}]${s.repeatable ? '...' : ''}`;
  });
  return ['maid', ...command.words, ...args, ...flags].join(' ');
}
