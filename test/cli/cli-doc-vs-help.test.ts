/**
 * docs/cli.md says what `--help` says (issue 14, item 15): for every command
 * `maid --help` lists (the real binary, `maid studio` included), cli.md has
 * a section whose synopsis names exactly the options that command's
 * `--help` lists, and a row or line for each of them.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { REPO, runMaid } from './maid-process';

const doc = readFileSync(join(REPO, 'docs', 'cli.md'), 'utf8');

/** `--name` options in a text, `--help` left out (every command has it). */
const optionsIn = (text: string) => new Set([...text.matchAll(/(?<![\w-])--([a-z][a-z-]*)/g)].map((m) => `--${m[1]}`).filter((o) => o !== '--help'));

/** The section of cli.md headed `## \`maid <words>\``, up to the next `## `. */
function section(words: string): string {
  const start = doc.indexOf(`## \`maid ${words}\``);
  if (start < 0) return '';
  const next = doc.indexOf('\n## ', start + 1);
  return doc.slice(start, next < 0 ? undefined : next);
}

/** A help text's Options part: the lines after `Options:` up to a blank line. */
function helpOptions(help: string): Set<string> {
  const at = help.indexOf('\nOptions:\n');
  const rest = help.slice(at + '\nOptions:\n'.length);
  return optionsIn(rest.split(/\n\s*\n/)[0] ?? '');
}

describe('docs/cli.md against --help', () => {
  let commands: string[] = [];
  beforeAll(async () => {
    const overview = await runMaid(['--help']);
    expect(overview.code).toBe(0);
    const listed = overview.stdout.split('\nCommands:\n')[1]?.split(/\n\s*\n/)[0] ?? '';
    commands = listed.split('\n').map((l) => /^ {2}(\S+(?: [a-z]+)?)\s{2,}/.exec(l)?.[1]).filter((c): c is string => c !== undefined);
  }, 30_000);

  it('maid --help lists the commands cli.md documents, maid studio among them', () => {
    expect(commands).toContain('studio');
    expect(commands.length).toBeGreaterThanOrEqual(6);
    for (const c of commands) {
      expect(section(c), `a "## \`maid ${c}\`" section in cli.md`).not.toBe('');
      expect(doc, `maid ${c} in the table of commands`).toContain(`| [\`maid ${c}\`](#maid-${c.replace(' ', '-')}) |`);
    }
  });

  it("each command's synopsis in cli.md names exactly the options its --help lists, and documents each", async () => {
    for (const c of commands) {
      const help = await runMaid([...c.split(' '), '--help']);
      expect(help.code, `maid ${c} --help`).toBe(0);
      const fromHelp = helpOptions(help.stdout);
      expect(fromHelp.size, `options in maid ${c} --help`).toBeGreaterThan(0);
      const text = section(c);
      const synopsis = optionsIn(/```\n([\s\S]*?)```/.exec(text)?.[1] ?? '');
      expect([...synopsis].sort(), `synopsis of maid ${c} in cli.md`).toEqual([...fromHelp].sort());
      const rows = optionsIn(text.slice(text.indexOf('```', text.indexOf('```') + 3)));
      for (const option of fromHelp) expect(rows.has(option), `cli.md explains ${option} of maid ${c}`).toBe(true);
    }
  }, 60_000);
});
