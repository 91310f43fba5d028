/**
 * The command lines in the docs are ones the CLI accepts: every `maid ...`
 * (and `npm start -- ...`) line in a shell block of docs/cli.md,
 * docs/hot-reload.md and docs/getting-started.md parses to a command, and
 * cli.md documents every option and exit code. The other tests in this
 * folder run these lines for real.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../src/cli/commands';
import { EXIT, interpret } from '../../src/cli/main';
import { parseStudioFlags } from '../../src/main/launch/studio-command';
import { REPO } from './maid-process';

const DOCS = ['cli.md', 'hot-reload.md', 'getting-started.md'];

/** `maid` command lines in ```sh blocks, as argv (env assignments dropped, `npm start --` is `maid server start`). */
function commandLines(doc: string): string[][] {
  const text = readFileSync(join(REPO, 'docs', doc), 'utf8');
  const lines: string[][] = [];
  for (const block of text.matchAll(/```sh\n([\s\S]*?)```/g)) {
    for (const raw of (block[1] as string).split('\n')) {
      const line = raw.replace(/^([A-Z_]+=\S+\s+)+/, '').trim();
      if (line.startsWith('maid ')) lines.push(line.split(/\s+/).slice(1));
      else if (line.startsWith('npm start --')) lines.push(['server', 'start', ...line.split(/\s+/).slice(3)]);
    }
  }
  return lines;
}

describe('command lines in the docs', () => {
  for (const doc of DOCS) {
    it(`${doc}: every maid command line parses`, () => {
      const lines = commandLines(doc);
      if (doc !== 'getting-started.md') expect(lines.length).toBeGreaterThan(0);
      for (const argv of lines) {
        if (argv[0] === 'studio') {
          expect(() => parseStudioFlags(argv.slice(1)), `maid ${argv.join(' ')}`).not.toThrow();
          continue;
        }
        const i = interpret(argv);
        expect(i.kind === 'run' || (i.kind === 'show' && i.code === EXIT.ok), `maid ${argv.join(' ')}: ${i.kind === 'show' ? i.text : ''}`).toBe(true);
      }
    });
  }

  it('cli.md documents every command, option and exit code', () => {
    const text = readFileSync(join(REPO, 'docs', 'cli.md'), 'utf8');
    for (const c of COMMANDS) {
      expect(text).toContain(`## \`maid ${c.words.join(' ')}\``);
      for (const flag of Object.keys(c.flags)) expect(text, `maid ${c.words.join(' ')} --${flag}`).toContain(`--${flag}`);
      for (const example of c.examples) expect(text, example).toContain(example);
    }
    for (const code of Object.values(EXIT)) expect(text).toMatch(new RegExp(`^\\| ${code} \\| `, 'm'));
  });
});
