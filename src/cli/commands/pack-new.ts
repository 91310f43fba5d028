import { relative } from 'node:path';
import type { FlagSpecs, ParsedFlags } from '../args';
import type { CliCommand } from '../command';
import { EXIT } from '../exit-codes';
import { checkPackName, commandWord, pascalName } from '../scaffold/names';
import { freeName, takenNames } from '../scaffold/taken-names';
import { createPack, type ScaffoldNames } from '../scaffold/write-pack';
import { COMMON_FLAGS, settingsFromFlags } from '../settings-flags';

const flags: FlagSpecs = {
  'packs-dir': { ...COMMON_FLAGS['packs-dir'], help: 'Folder to create the pack in (default ./packs, or MAID_PACKS_DIR)' },
};

/** A path as the user would type it from here: `./packs/my-pack`, or absolute when elsewhere. */
function shown(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel === '' ? '.' : rel.startsWith('..') ? path : `./${rel}`;
}

/**
 * The example command and component, named after the pack unless a pack of
 * the packs folder already uses that name (`maid pack new look` beside
 * starter-world's `look`): then the first free variant, and a note saying so.
 */
async function scaffoldNames(name: string, packsDir: string, note: (line: string) => void): Promise<ScaffoldNames> {
  const taken = await takenNames(packsDir);
  const word = commandWord(name);
  const command = freeName(word, (w) => taken.commands.has(w));
  if (command !== word) note(`The command '${word}' belongs to pack '${taken.commands.get(word)}', so the example command is '${command}' (src/commands/hello.ts)`);
  const component = `${pascalName(name)}Visits`;
  const componentName = freeName(component, (c) => taken.components.has(c), (b, n) => b.replace(/Visits$/, n === 1 ? 'PackVisits' : `Pack${n}Visits`));
  if (componentName !== component) note(`The component '${component}' belongs to pack '${taken.components.get(component)}', so the example component is '${componentName}'`);
  return { command, componentName };
}

async function packNew(parsed: ParsedFlags, [name]: string[]): Promise<number> {
  const settings = settingsFromFlags(parsed);
  checkPackName(name as string);
  const out = (line: string) => process.stdout.write(line + '\n');
  const notes: string[] = [];
  const pack = createPack(name as string, settings.packsDir, await scaffoldNames(name as string, settings.packsDir, (l) => notes.push(l)));
  out(`Created pack '${pack.name}' in ${shown(pack.dir)}:`);
  for (const file of pack.files) out(`  ${file}`);
  if (notes.length > 0) out('');
  for (const note of notes) out(note);
  out('');
  out('Next:');
  out(`  maid pack test ${shown(pack.dir)}`);
  out(`  maid server start --content ${shown(pack.dir)} --watch`);
  return EXIT.ok;
}

export const packNewCommand: CliCommand = {
  words: ['pack', 'new'],
  summary: 'Create a new content pack from a template',
  description: [
    'Writes <packs-dir>/NAME: src/pack.ts, src/components/, src/systems/, src/commands/, tests/,',
    'package.json and tsconfig.json. The pack loads, passes its own tests and hot-reloads as it is.',
    'Refuses to write into a folder that exists and is not empty (exit 1, nothing changed).',
  ].join('\n'),
  args: [{ name: 'NAME', required: true, help: 'the pack name: lower-case letters, digits, ".", "_" or "-" (e.g. my-pack)' }],
  flags,
  examples: ['maid pack new my-pack', 'maid pack new my-pack --packs-dir ./packs'],
  run: (parsed, args) => packNew(parsed, args),
};
