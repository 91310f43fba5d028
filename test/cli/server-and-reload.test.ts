import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeTempDirs, runMaid, startMaid, tempPacks, type MaidProcess } from './maid-process';
import { TelnetTestClient } from '../server/kit/telnet-client';
import { AdminClient } from '../../src/engine/admin';

afterAll(removeTempDirs);

const READY = 'Ctrl-C stops the server';
const SUCCESS = /^\[INFO\] Successfully reloaded pack 'combat' in \d+\.\d{3}s$/;
/** The same line somewhere in a command's output. */
const PRINTS_SUCCESS = new RegExp(SUCCESS.source, 'm');

describe('maid server start --watch, and maid dev reload against it', () => {
  let server: MaidProcess;
  let packsDir: string;
  let dataDir: string;
  let root: string;
  const combatFile = (rel: string) => join(packsDir, 'combat', rel);
  // Edits append lines, so the tests do not depend on what the combat pack's files hold.
  const append = (rel: string, line: string) => {
    const text = readFileSync(combatFile(rel), 'utf8');
    writeFileSync(combatFile(rel), `${text.endsWith('\n') ? text : `${text}\n`}${line}\n`);
    return text.split('\n').length - (text.endsWith('\n') ? 1 : 0) + 1; // the line number it landed on
  };
  const removeLast = (rel: string) => {
    const lines = readFileSync(combatFile(rel), 'utf8').split('\n');
    writeFileSync(combatFile(rel), [...lines.slice(0, -2), ''].join('\n'));
  };
  const reload = (...args: string[]) => runMaid(['dev', 'reload', ...args, '--data-dir', dataDir]);

  beforeAll(async () => {
    ({ root, packsDir, dataDir } = tempPacks());
    server = startMaid(['server', 'start', '--watch', '--watch-debounce', '0.2', '--content', 'combat', '--packs-dir', packsDir, '--data-dir', dataDir]);
    await server.waitFor(READY, { timeoutMs: 20_000 });
  }, 30_000);

  afterAll(async () => {
    await server.stop('SIGKILL');
  });

  it('prints what loaded (with the dependency), the admin API and what is watched', () => {
    const out = server.lines.join('\n');
    expect(out).toContain(`[INFO] Loading 'starter-world' from ${join(packsDir, 'starter-world')}: 'combat' depends on it`);
    expect(out).toMatch(/^\[INFO\] {3}combat v\d+\.\d+\.\d+: systems \[.*CombatSystem.*\], commands \[.*attack.*\]$/m);
    expect(out).toMatch(/^\[INFO\] {3}starter-world v\d+\.\d+\.\d+: systems \[.*\], commands \[look, .*\]$/m);
    expect(out).toContain(`[INFO] Watching: combat at ${combatFile('src')}`);
    expect(out).toMatch(new RegExp(`\\[INFO\\] {3}Admin API: http://127\\.0\\.0\\.1:\\d+ \\(token in ${join(dataDir, 'admin.json').replace(/[.]/g, '\\.')}\\)`));
    expect(out).toContain('[INFO]   Watching 2 pack(s) (debounce 0.2s): combat, starter-world');
  });

  it('reloads on a saved edit with the three log lines of the seed', async () => {
    const from = server.lines.length;
    append('src/systems/combat.ts', 'export const CLI_TEST_SAVE = 1;');
    await server.waitFor(SUCCESS, { from });
    const seen = server.lines.slice(from);
    expect(seen.slice(0, 3)).toEqual(['[INFO] File changed: src/systems/combat.ts', '[INFO] Triggering reload for pack: combat', expect.stringMatching(SUCCESS)]);
  });

  it('a player connected over telnet sees a saved change in game, mid-fight', async () => {
    const ready = server.lines.find((l) => l.includes('Players connect: telnet')) ?? '';
    const port = Number(/telnet 127\.0\.0\.1 (\d+)$/.exec(ready)?.[1]);
    expect(port).toBeGreaterThan(0);
    const player = await TelnetTestClient.connect(port);
    try {
      await player.login('Cliplayer', 'a-good-password', true);
      for (const step of ['north', 'east', 'down']) await player.command(step);
      expect(await player.command('attack rat')).toContain('You hit a giant rat for 10 damage.');
      const from = server.lines.length;
      const mark = player.mark();
      const file = combatFile('src/systems/combat.ts');
      writeFileSync(file, readFileSync(file, 'utf8').replace('export const BASE_DAMAGE = 10;', 'export const BASE_DAMAGE = 27;'));
      await server.waitFor(SUCCESS, { from });
      expect(server.lines.slice(from, from + 3)).toEqual(['[INFO] File changed: src/systems/combat.ts', '[INFO] Triggering reload for pack: combat', expect.stringMatching(SUCCESS)]);
      await player.waitFor('You hit a giant rat for 27 damage.', mark, 8000);
    } finally {
      player.close();
    }
  });

  it('maid dev reload combat --type pack reloads the pack and prints the result as the server logs it', async () => {
    const from = server.lines.length;
    const run = await reload('combat', '--type', 'pack');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^\[INFO\] Successfully reloaded pack 'combat' in \d+\.\d{3}s\n$/);
    expect(run.stderr).toBe('');
    expect(await server.waitFor(SUCCESS, { from })).toBe(run.stdout.trim());
  });

  it('maid dev reload with --type module reloads a module, by dotted id or by file', async () => {
    for (const target of ['combat.systems.combat', 'systems/combat.ts']) {
      const run = await reload(target, '--type', 'module', '--debug');
      expect(run.code, run.stderr).toBe(0);
      expect(run.stdout).toMatch(PRINTS_SUCCESS);
      expect(run.stdout).toContain('[DEBUG]   Changed: src/systems/combat.ts');
    }
  });

  it('maid dev reload with a broken file exits 1 with the error at file:line, and the server keeps serving', async () => {
    const from = server.lines.length;
    const line = append('src/systems/combat.ts', 'export const CLI_TEST_BROKEN = 2 +;');
    const error = `[ERROR] Failed to reload pack 'combat': SyntaxError: Unexpected ";" at src/systems/combat.ts:${line}:35; rolled back to the previous version`;
    const broken = await reload('combat', '--type', 'pack');
    expect(broken.code).toBe(1);
    expect(broken.stderr).toBe(`${error}\n`);
    await server.waitFor(error, { from });

    removeLast('src/systems/combat.ts');
    const fixed = await reload('combat', '--type', 'pack');
    expect(fixed.code).toBe(0);
    expect(fixed.stdout).toMatch(PRINTS_SUCCESS);
    expect(server.child.exitCode).toBeNull();
  });

  it('a dependency reloads its dependants too, and maid dev reload prints both', async () => {
    const run = await reload('starter-world');
    expect(run.code).toBe(0);
    expect(run.stdout.trim().split('\n')).toEqual([expect.stringMatching(/^\[INFO\] Successfully reloaded pack 'starter-world' in /), expect.stringMatching(SUCCESS)]);
  });

  it('an unknown pack or module, no server, or a wrong token: one line saying what to do, and a distinct exit code', async () => {
    const unknown = await reload('nope', '--type', 'pack');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toBe("maid dev reload: No pack named 'nope' is loaded; loaded packs: combat, starter-world\n");

    const noModule = await reload('systems/nope.ts', '--type', 'module');
    expect(noModule.code).toBe(2);
    expect(noModule.stderr.trim().split('\n')).toHaveLength(1);

    const emptyDir = join(root, 'no-server');
    const none = await runMaid(['dev', 'reload', 'combat', '--data-dir', emptyDir]);
    expect(none.code).toBe(3);
    expect(none.stderr).toBe(`maid dev reload: No running maid server found: there is no ${join(emptyDir, 'admin.json')}. Start one with 'maid server start', or pass --data-dir with the data directory of the server you mean\n`);

    const otherDir = join(root, 'other-token');
    mkdirSync(otherDir, { recursive: true });
    const credentials = JSON.parse(readFileSync(join(dataDir, 'admin.json'), 'utf8')) as { token: string };
    writeFileSync(join(otherDir, 'admin.json'), JSON.stringify({ ...credentials, token: 'not-the-token' }));
    const wrong = await runMaid(['dev', 'reload', 'combat', '--data-dir', otherDir]);
    expect(wrong.code).toBe(4);
    expect(wrong.stderr).toMatch(/^maid dev reload: The server at http:\/\/127\.0\.0\.1:\d+ refused the token from .*other-token\/admin\.json: Wrong token.*Restart the server to write a fresh token, or pass --data-dir .*\n$/);
    expect(wrong.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('maid dev reload --watch watches a folder and asks the server to reload on each change, until Ctrl-C', async () => {
    const client = startMaid(['dev', 'reload', 'combat', '--watch', '--watch-path', 'src/', '--watch-debounce', '0.2', '--data-dir', dataDir], { cwd: join(packsDir, 'combat') });
    await client.waitFor(`[INFO] Watching: combat at ${combatFile('src')}`);
    await client.waitFor('Ctrl-C stops');
    const from = client.lines.length;
    const serverFrom = server.lines.length;
    append('src/commands/attack.ts', '// saved while maid dev reload --watch runs');
    await client.waitFor(SUCCESS, { from });
    expect(client.lines.slice(from, from + 3)).toEqual(['[INFO] File changed: src/commands/attack.ts', '[INFO] Triggering reload for pack: combat', expect.stringMatching(SUCCESS)]);
    await server.waitFor(SUCCESS, { from: serverFrom });
    const done = await client.stop('SIGINT');
    expect(done.code).toBe(0);
  });

  it("--watch-path src/ run from the folder the server started in watches the pack's src/, not that folder's", async () => {
    // The folder the user started the server in has a src/ of its own (in a clone: the engine's).
    mkdirSync(join(root, 'src'), { recursive: true });
    const client = startMaid(['dev', 'reload', 'combat', '--watch', '--watch-path', 'src/', '--watch-debounce', '0.2', '--data-dir', dataDir], { cwd: root });
    try {
      await client.waitFor(`[INFO] Watching: combat at ${combatFile('src')}`);
      await client.waitFor('Ctrl-C stops');
      const from = client.lines.length;
      append('src/commands/attack.ts', '// saved while watching from the server folder');
      await client.waitFor(SUCCESS, { from });
    } finally {
      expect((await client.stop('SIGINT')).code).toBe(0);
    }
  });

  it('--watch-path outside the pack is refused with the reason, before anything is reloaded (exit 2)', async () => {
    // Asked-for reloads only: the server's own watcher may still be reloading an earlier test's save.
    const manualReloads = async () => (await AdminClient.fromDataDir(dataDir).reloads()).filter((r) => r.trigger === 'manual').length;
    const reloadsBefore = await manualReloads();
    for (const outside of ['../starter-world', root]) {
      const run = await runMaid(['dev', 'reload', 'combat', '--watch', '--watch-path', outside, '--data-dir', dataDir], { cwd: root });
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/^maid dev reload: --watch-path .*: .* is outside the pack 'combat' \(.*\); the server reloads the pack from its own folder, so saves there would change nothing it runs\. Give a folder inside the pack, relative to it \(e\.g\. --watch-path src\/\) \(see 'maid dev reload --help'\)\n$/);
    }
    expect(await manualReloads()).toBe(reloadsBefore);
  });

  it('a second server on the same data directory is refused', async () => {
    const second = await runMaid(['server', 'start', '--content', 'combat', '--packs-dir', packsDir, '--data-dir', dataDir]);
    expect(second.code).toBe(1);
    expect(second.stderr).toMatch(/Another maid server \(pid \d+\) is running with the data directory/);
    expect(server.child.exitCode).toBeNull();
  });

  it('SIGTERM stops the server cleanly: exit 0, engine stopped, token file removed', async () => {
    const tokenFile = join(dataDir, 'admin.json');
    copyFileSync(tokenFile, join(root, 'admin.json.copy'));
    const done = await server.stop('SIGTERM');
    expect(done.code).toBe(0);
    expect(server.lines).toContain('[INFO] Received SIGTERM, stopping');
    expect(server.lines.at(-1)).toBe('[INFO] Engine stopped');
    expect(existsSync(tokenFile)).toBe(false);
  });
});
