import { formatFlagHelp } from './args';
import { usageLine, type CliCommand } from './command';
import { EXIT } from './exit-codes';

export function overview(commands: readonly CliCommand[]): string {
  const width = Math.max(...commands.map((c) => c.words.join(' ').length));
  return [
    'maid: the MAID MUD engine',
    '',
    'Usage: maid <command> [options]',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.words.join(' ').padEnd(width)}  ${c.summary}`),
    `  ${'studio'.padEnd(width)}  Open MAID Studio: edit packs with the game running inside it`,
    '',
    "Run 'maid <command> --help' for a command's options.",
    `Exit codes: ${EXIT.ok} done, ${EXIT.failure} failed, ${EXIT.usage} bad command line, ${EXIT.noServer} no running server, ${EXIT.unauthorized} token refused.`,
  ].join('\n');
}

export function commandHelp(command: CliCommand): string {
  const width = Math.max(0, ...command.args.map((a) => a.name.length));
  const sections = [command.summary, '', `Usage: ${usageLine(command)}`];
  if (command.description) sections.push('', command.description);
  if (command.args.length > 0) {
    sections.push('', 'Arguments:', ...command.args.map((a) => `  ${a.name.padEnd(width)}  ${a.help}${a.required ? '' : ' (optional)'}`));
  }
  sections.push('', 'Options:', formatFlagHelp({ ...command.flags, help: { type: 'boolean', help: 'Show this help' } }));
  if (command.examples.length > 0) sections.push('', 'Examples:', ...command.examples.map((e) => `  ${e}`));
  return sections.join('\n');
}

/** `maid dev --help`: the commands of one group. */
export function groupHelp(group: string, commands: readonly CliCommand[]): string {
  const members = commands.filter((c) => c.words[0] === group);
  const width = Math.max(...members.map((c) => c.words.join(' ').length));
  return [`Usage: maid ${group} <command> [options]`, '', 'Commands:', ...members.map((c) => `  ${c.words.join(' ').padEnd(width)}  ${c.summary}`), '', `Run 'maid ${group} <command> --help' for its options.`].join('\n');
}
