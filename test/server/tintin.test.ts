/**
 * A real MUD client, TinTin++ (Debian's tintin++, binary `tt++`), driven by
 * a script: it creates a character, plays a few commands and quits; then
 * logs in again as a returning player. Skipped where tt++ is not installed
 * (.ci/run installs it).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useServers } from './kit/harness';

const { server } = useServers();

function findTintin(): string | undefined {
  const dirs = [...(process.env.PATH ?? '').split(delimiter), '/usr/games', '/usr/local/games'];
  return dirs.map((d) => join(d, 'tt++')).find((p) => existsSync(p));
}

const tintin = findTintin();

/** Runs tt++ on a script until it ends (the script ends it when the session closes); resolves with the session log. */
async function runTintin(dir: string, name: string, script: string): Promise<string> {
  const file = join(dir, `${name}.tin`);
  const log = join(dir, `${name}.log`);
  writeFileSync(file, script.replace('%LOG%', log));
  const child = spawn(tintin as string, ['-G', '-H', file], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, TERM: 'xterm-256color' } });
  let screen = '';
  child.stdout.on('data', (d: Buffer) => (screen += d.toString()));
  const code = await new Promise<number | null>((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.once('exit', (c) => {
      clearTimeout(timer);
      resolve(c);
    });
  });
  if (code !== 0) throw new Error(`tt++ exited with ${code}:\n${screen.slice(-2000)}`);
  return readFileSync(log, 'utf8');
}

describe.skipIf(!tintin)(`TinTin++ plays the game${tintin ? '' : ' (tt++ not installed: skipped)'}`, () => {
  it('creates a character, walks, talks and quits; then logs back in where it left', async () => {
    const s = await server();
    const dir = mkdtempSync(join(tmpdir(), 'maid-tintin-'));
    const first = await runTintin(
      dir,
      'create',
      [
        '#event {SESSION DISCONNECTED} {#end}',
        '#action {Name:} {Yuki}',
        '#action {(yes/no)} {yes}',
        '#action {Choose a password:} {silver-moon-42}',
        '#action {Type the password again:} {silver-moon-42}',
        '#action {Exits: north, east, west, south} {#unaction {Exits: north, east, west, south};look;north;say hello from tintin;quit}',
        `#session maid 127.0.0.1 ${s.telnetPort}`,
        '#log overwrite %LOG%',
      ].join('\n'),
    );
    expect(first).toContain('Create a new character named Yuki? (yes/no)');
    // eslint-disable-next-line no-control-regex
    expect(first).toMatch(/\u001b\[1mTown Square\u001b\[0m/); // TinTin++ says it takes ANSI: it gets colour
    expect(first).toContain('North Road');
    expect(first).toContain('You say, "hello from tintin"');
    expect(first).toContain('Goodbye! Your character has been saved.');
    expect(first).not.toContain('silver-moon-42');

    const second = await runTintin(
      dir,
      'return',
      [
        '#event {SESSION DISCONNECTED} {#end}',
        '#action {Name:} {yuki}',
        '#action {Password:} {silver-moon-42}',
        '#action {Exits: south, east, north} {#unaction {Exits: south, east, north};east;quit}',
        `#session maid 127.0.0.1 ${s.telnetPort}`,
        '#log overwrite %LOG%',
      ].join('\n'),
    );
    expect(second).toContain('North Road');
    expect(second).toContain('The Prancing Rat');
    const character = await s.storage.findCharacterByName('Yuki');
    const yuki = s.engine.world.getEntity(character!.entityId);
    expect(yuki && s.engine.world.snapshotEntity(yuki).components.Location?.data).toMatchObject({ room: 'starter-world:tavern' });
  }, 45_000);
});
