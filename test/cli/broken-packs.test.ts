/**
 * One start-up policy for broken packs (issue 14, item 4): `maid server
 * start` serves every pack that can load and names each that cannot with its
 * cause and file:line; with --watch a broken pack loads as soon as a save
 * fixes it; --strict refuses to start instead.
 */
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { removeTempDirs, runMaid, startMaid, tempPacks } from './maid-process';
import { TelnetTestClient } from '../server/kit/telnet-client';

afterAll(removeTempDirs);

const READY = 'Ctrl-C stops the server';

/** A one-command pack written by hand, as an author would. */
function writeGreeter(packsDir: string, folder: string, opts: { name?: string; dependencies?: string[] } = {}): string {
  const dir = join(packsDir, folder);
  mkdirSync(join(dir, 'src'), { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: `@packs/${folder}`, version: '0.1.0', main: 'src/pack.ts' }));
  writeFileSync(
    join(dir, 'src', 'pack.ts'),
    [
      "import { defineCommand, type ContentPack } from '@maid/engine';",
      '',
      `const greet = defineCommand({ name: '${folder}-greet', help: 'Greets', handler: (ctx) => ctx.session.send('Hello from ${folder}') });`,
      '',
      'export default class GreeterPack implements ContentPack {',
      `  manifest = { name: '${opts.name ?? folder}', version: '0.1.0', dependencies: ${JSON.stringify(opts.dependencies ?? [])} };`,
      '  getCommands() {',
      '    return [greet];',
      '  }',
      '}',
      '',
    ].join('\n'),
  );
  return join(dir, 'src', 'pack.ts');
}

/** packs/ with the shipped two, a pack with a syntax error, a second 'combat', and a pack whose dependency is nowhere. */
function brokenPacksFolder() {
  const t = tempPacks();
  const greeter = writeGreeter(t.packsDir, 'greeter');
  const good = readFileSync(greeter, 'utf8');
  writeFileSync(greeter, good.replace('export default class', 'export default clas'));
  cpSync(join(t.packsDir, 'combat'), join(t.packsDir, 'combat-copy'), { recursive: true });
  writeGreeter(t.packsDir, 'lonely', { dependencies: ['nowhere'] });
  return { ...t, greeter, good };
}

describe('maid server start with broken packs in packs/', () => {
  it('serves the packs that load, names each one that cannot with its cause and file:line, and loads a fixed one on save (--watch)', async () => {
    const { packsDir, dataDir, greeter, good } = brokenPacksFolder();
    const server = startMaid(['server', 'start', '--watch', '--watch-debounce', '0.1', '--packs-dir', packsDir, '--data-dir', dataDir]);
    try {
      await server.waitFor(READY, { timeoutMs: 30_000 });
      const out = server.lines.join('\n');
      expect(out).toContain("[ERROR] Pack 'greeter' was not loaded: Cannot load the pack in");
      expect(out).toMatch(/greeter: NOT LOADED: .* at src\/pack\.ts:5:\d+/);
      expect(out).toMatch(/combat-copy: NOT LOADED: Pack 'combat' from .*combat-copy has the same name as the pack 'combat' already loaded from .*\/combat \(manifest at src\/pack\.ts:\d+\)/);
      expect(out).toMatch(/lonely: NOT LOADED: Pack 'lonely' depends on 'nowhere', which is not loaded \(manifest at src\/pack\.ts:6\)/);
      expect(out).toContain('save a fix and it loads');
      expect(out).toMatch(/Watching 3 pack\(s\) .*; waiting for a fix: .*greeter/);
      expect(out).not.toMatch(/unexpected error|\n\s+at /);
      expect(out).toMatch(/^\[INFO\] {3}combat v1\.0\.0: systems/m);

      const from = server.lines.length;
      writeFileSync(greeter, good);
      await server.waitFor("Loaded pack 'greeter' v0.1.0", { from, timeoutMs: 20_000 });
      await server.waitFor(/Watching: greeter at/, { from });

      // The missing dependency is fixed by adding it to packs/: it loads, then the pack that waited for it.
      const added = server.lines.length;
      writeGreeter(packsDir, 'nowhere');
      await server.waitFor(`[INFO] New pack folder: ${join(packsDir, 'nowhere')}`, { from: added, timeoutMs: 20_000 });
      await server.waitFor("Loaded pack 'nowhere' v0.1.0", { from: added });
      await server.waitFor(/Successfully reloaded pack 'lonely'/, { from: added });

      // A player can use the pack that was fixed, beside the ones that loaded at start.
      const ready = server.lines.find((l) => l.includes('Players connect: telnet')) ?? '';
      const player = await TelnetTestClient.connect(Number(/telnet 127\.0\.0\.1 (\d+)$/.exec(ready)?.[1]));
      try {
        await player.login('Fixer', 'a-good-password', true);
        expect(await player.command('greeter-greet')).toContain('Hello from greeter');
        expect(await player.command('lonely-greet')).toContain('Hello from lonely');
        expect(await player.command('look')).toContain('Town Square');
      } finally {
        player.close();
      }
    } finally {
      await server.stop('SIGKILL');
    }
  }, 60_000);

  it('--strict refuses to start, naming every pack that cannot load, without a stack trace (exit 1)', async () => {
    const { packsDir, dataDir } = brokenPacksFolder();
    const run = await runMaid(['server', 'start', '--strict', '--packs-dir', packsDir, '--data-dir', dataDir], { timeoutMs: 30_000 });
    expect(run.code).toBe(1);
    const line = run.stderr.split('\n').find((l) => l.startsWith('maid server start: --strict')) ?? '';
    expect(line).toContain('3 pack(s) cannot load');
    for (const name of ['greeter', 'combat-copy', 'lonely']) expect(line).toContain(`${name} (`);
    expect(line).toContain('start without --strict to serve the packs that load');
    expect(run.stderr).not.toMatch(/unexpected error|\n\s+at /);
    expect(run.stdout).not.toContain(READY);
  }, 40_000);

  it('--strict starts when every pack loads', async () => {
    const { packsDir, dataDir } = tempPacks();
    const server = startMaid(['server', 'start', '--strict', '--packs-dir', packsDir, '--data-dir', dataDir]);
    try {
      await server.waitFor(READY, { timeoutMs: 30_000 });
      expect(server.lines.join('\n')).not.toContain('NOT LOADED');
    } finally {
      await server.stop('SIGKILL');
    }
  }, 40_000);
});
