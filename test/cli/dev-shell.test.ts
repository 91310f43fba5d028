import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import repl from 'node:repl';
import { PassThrough } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestEngine } from '@maid/engine/testing';
import { installCompleter } from '../../src/cli/shell/completer';
import { MAID_BIN, removeTempDirs, runMaid, startProcess, tempPacks } from './maid-process';

afterAll(removeTempDirs);

describe('maid dev shell, driven through stdin', () => {
  it('creates an entity, reloads a pack and reads the reload history, each line awaited in turn', async () => {
    const { packsDir, dataDir } = tempPacks();
    const script = [
      'const hero = world.createEntity()',
      'hero.id.length',
      "const Mood = defineComponent({ name: 'Mood', defaults: () => ({ happy: true }) })",
      'hero.add(Mood).get(Mood).happy',
      "const result = await reload('combat')",
      'result.success',
      'history()',
      'engine.hotReload.getReloadHistory().length',
      'typeof CombatPack',
      'notDefinedAnywhere',
      "world.getEntity(hero.id) === hero",
      '.exit',
    ].join('\n');
    const run = await runMaid(['dev', 'shell', '--content', 'combat', '--packs-dir', packsDir, '--data-dir', dataDir], { input: script + '\n' });
    expect(run.code, run.stderr).toBe(0);
    const out = run.stdout.split('maid> ').map((s) => s.trim());
    expect(run.stdout).toContain('MAID dev shell: 2 pack(s) loaded (combat v1.0.0, starter-world v1.0.0); the engine is started, ticks paused');
    expect(out).toContain('36');
    expect(out.filter((o) => o === 'true')).toHaveLength(3);
    expect(run.stdout).toMatch(/\[INFO\] Successfully reloaded pack 'combat' in \d+\.\d{3}s$/m);
    expect(out).toContainEqual(expect.stringMatching(/^combat: \d+\.\d{3}s$/));
    expect(out).toContain('1');
    expect(out).toContain("'function'");
    expect(run.stderr + run.stdout).toContain('ReferenceError: notDefinedAnywhere is not defined');
    expect(run.stdout.trim().split('\n').at(-1)).toBe('[INFO] Engine stopped');
  });

  it('tick(5) prints 5, not a pending Promise; TestPlayer plays a command; the banner says the saved world is not opened', async () => {
    const { packsDir, dataDir } = tempPacks(['starter-world']);
    const script = ['tick(5)', "const tess = TestPlayer.login(engine, 'Tess')", "tess.do('look')", "typeof testing.createTestEngine", '.exit'].join('\n');
    const run = await runMaid(['dev', 'shell', '--packs-dir', packsDir, '--data-dir', dataDir], { input: script + '\n' });
    expect(run.code, run.stderr).toBe(0);
    const out = run.stdout.split('maid> ').map((s) => s.trim());
    expect(out).toContain('5');
    expect(run.stdout).not.toContain('Promise {');
    expect(out).toContainEqual(expect.stringContaining('Town Square'));
    expect(out).toContain("'function'");
    expect(run.stdout).toContain(`Its world is its own: the packs build it as they load, and the saved world (${dataDir}/world.db, which a running server may be using) is not opened.`);
  });

  it('ends cleanly when stdin ends, after the last line ran', async () => {
    const { packsDir, dataDir } = tempPacks(['starter-world']);
    const run = await runMaid(['dev', 'shell', '--packs-dir', packsDir, '--data-dir', dataDir], { input: "await new Promise((r) => setTimeout(() => r('late'), 200))\n" });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("'late'");
  });

  it('rejects a pack that does not exist, listing the ones there are', async () => {
    const { packsDir, dataDir } = tempPacks(['starter-world']);
    const run = await runMaid(['dev', 'shell', '--content', 'nope', '--packs-dir', packsDir, '--data-dir', dataDir]);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(`maid dev shell: --content nope: No pack named 'nope' in ${packsDir}; available: starter-world (see 'maid dev shell --help')\n`);
  });
});

describe('maid dev shell tab completion', () => {
  it('completes pack names in reload(), module ids in reloadModule(), and names in scope', async () => {
    const { packsDir } = tempPacks();
    const t = await createTestEngine({ packDirs: [join(packsDir, 'starter-world'), join(packsDir, 'combat')] });
    const server = repl.start({ input: new PassThrough(), output: new PassThrough(), terminal: false, prompt: '' });
    server.context.reload = () => undefined;
    installCompleter(server, t.engine);
    const complete = (line: string) =>
      new Promise<[string[], string]>((resolve, reject) => server.completer(line, (err, result) => (err ? reject(err) : resolve(result as [string[], string]))));
    expect(await complete("reload('c")).toEqual([['combat'], 'c']);
    expect(await complete('reload("')).toEqual([['starter-world', 'combat'], '']);
    const modules = (await complete("reloadModule('systems/c"))[0];
    expect(modules).toContain('systems/combat.ts');
    expect(modules.every((m) => m.startsWith('systems/c'))).toBe(true);
    expect((await complete('relo'))[0]).toContain('reload');
    server.close();
    await t.stop();
  });
});

const hasScript = spawnSync('script', ['--version']).status === 0 && process.platform === 'linux';

describe.runIf(hasScript)('maid dev shell in a terminal (a pseudo-terminal through script(1))', () => {
  it('completes with Tab, runs the completed reload, and saves the history in the data directory', async () => {
    const { packsDir, dataDir } = tempPacks();
    const command = [process.execPath, MAID_BIN, 'dev', 'shell', '--content', 'combat', '--packs-dir', packsDir, '--data-dir', dataDir].map((a) => `'${a}'`).join(' ');
    // script(1) gives the command a pseudo-terminal and copies what it shows to stdout.
    const shell = startProcess('script', ['-qfec', command, '/dev/null'], { env: { TERM: 'xterm' }, timeoutMs: 20_000 });
    await shell.waitFor('maid> ');
    shell.child.stdin?.write("reload('com\t");
    await shell.waitFor("reload('combat");
    shell.child.stdin?.write("')\r");
    await shell.waitFor(/Successfully reloaded pack 'combat'/);
    shell.child.stdin?.write('.exit\r');
    const done = await shell.exited;
    expect(done.code).toBe(0);
    const history = join(dataDir, 'shell_history');
    expect(existsSync(history)).toBe(true);
    expect(readFileSync(history, 'utf8').split('\n')).toContain("reload('combat')");
  }, 40_000);
});

