import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commandWord, packClassName, pascalName } from '../../src/cli/scaffold/names';
import { makeTempDir, removeTempDirs, REPO, runMaid, startMaid, tempPacks } from './maid-process';

afterAll(removeTempDirs);

const SCAFFOLD = ['package.json', 'tsconfig.json', 'src/pack.ts', 'src/components/visits.ts', 'src/systems/heartbeat.ts', 'src/commands/hello.ts', 'tests/pack.test.ts'];

function filesUnder(dir: string): string[] {
  return (readdirSync(dir, { recursive: true, encoding: 'utf8' }) as string[]).filter((f) => f.includes('.')).map((f) => f.split('\\').join('/')).sort();
}

describe('maid pack new', () => {
  let packsDir: string;
  beforeAll(() => {
    packsDir = join(makeTempDir('maid-new-'), 'packs');
  });

  it("scaffolds a pack in the seed's layout and says what to run next", async () => {
    const run = await runMaid(['pack', 'new', 'my-pack', '--packs-dir', packsDir]);
    expect(run.code, run.stderr).toBe(0);
    const dir = join(packsDir, 'my-pack');
    expect(filesUnder(dir)).toEqual([...SCAFFOLD].sort());
    expect(run.stdout).toContain(`Created pack 'my-pack' in ${dir}:`);
    expect(run.stdout).toContain(`  maid pack test ${dir}\n  maid server start --content ${dir} --watch\n`);
    expect(readFileSync(join(dir, 'src/pack.ts'), 'utf8')).toContain("export default class MyPack implements ContentPack {\n  manifest = { name: 'my-pack', version: '0.1.0'");
    expect(JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'))).toMatchObject({ name: '@packs/my-pack', type: 'module', main: 'src/pack.ts' });
  });

  it("maid pack new look beside starter-world: the example command gets a free word, the scaffold says so, and the pack loads with the others", async () => {
    const shipped = tempPacks();
    const run = await runMaid(['pack', 'new', 'look', '--packs-dir', shipped.packsDir], { timeoutMs: 30_000 });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain("The command 'look' belongs to pack 'starter-world', so the example command is 'look-pack' (src/commands/hello.ts)");
    expect(readFileSync(join(shipped.packsDir, 'look', 'src/commands/hello.ts'), 'utf8')).toContain("name: 'look-pack'");
    const server = startMaid(['server', 'start', '--packs-dir', shipped.packsDir, '--data-dir', shipped.dataDir]);
    try {
      await server.waitFor('Ctrl-C stops the server', { timeoutMs: 30_000 });
      expect(server.lines.join('\n')).not.toMatch(/NOT LOADED|clashes/);
      expect(server.lines.join('\n')).toMatch(/^\[INFO\] {3}look v0\.1\.0: systems \[.*\], commands \[look-pack\]$/m);
    } finally {
      await server.stop('SIGKILL');
    }
  }, 60_000);

  it('a name that clashes with nothing keeps its own command word, with no note', async () => {
    const shipped = tempPacks(['starter-world']);
    const run = await runMaid(['pack', 'new', 'fishing', '--packs-dir', shipped.packsDir]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).not.toContain('belongs to pack');
    expect(readFileSync(join(shipped.packsDir, 'fishing', 'src/commands/hello.ts'), 'utf8')).toContain("name: 'fishing'");
  });

  it('refuses to overwrite a pack, changing nothing', async () => {
    const dir = join(packsDir, 'my-pack');
    writeFileSync(join(dir, 'src/pack.ts'), '// my own work\n');
    const run = await runMaid(['pack', 'new', 'my-pack', '--packs-dir', packsDir]);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(`maid pack new: ${dir} already exists and is not empty; nothing was written. Choose another name, or remove that folder first\n`);
    expect(readFileSync(join(dir, 'src/pack.ts'), 'utf8')).toBe('// my own work\n');
    expect(readdirSync(packsDir)).toEqual(['my-pack']); // no temporary folder left behind
  });

  it('writes into an existing empty folder', async () => {
    mkdirSync(join(packsDir, 'empty'));
    const run = await runMaid(['pack', 'new', 'empty', '--packs-dir', packsDir]);
    expect(run.code).toBe(0);
    expect(filesUnder(join(packsDir, 'empty'))).toHaveLength(SCAFFOLD.length);
  });

  it('rejects a name that is not a pack name, or no name, with exit 2', async () => {
    for (const [args, message] of [
      [['My_Pack'], "'My_Pack' is not a valid pack name: use lower-case letters"],
      [['a/b'], "NAME is a pack name, not a path ('a/b'): use --packs-dir DIR"],
      [[], 'missing NAME: the pack name'],
      [['one', 'two'], "unexpected argument 'two'"],
    ] as const) {
      const run = await runMaid(['pack', 'new', ...args, '--packs-dir', packsDir]);
      expect(run.code, run.stderr).toBe(2);
      expect(run.stderr).toContain(message);
    }
  });

  it('names the class, the command and the component after the pack, so new packs do not clash', () => {
    expect(commandWord('my-pack')).toBe('my-pack');
    expect(commandWord('3d.world')).toBe('pack-3d-world');
    expect(`${pascalName('other-pack')}Visits`).toBe('OtherPackVisits');
    expect(readFileSync(join(packsDir, 'my-pack', 'src/components/visits.ts'), 'utf8')).toContain("name: 'MyPackVisits',");
    expect(packClassName('my-pack')).toBe('MyPack');
    expect(packClassName('dungeon')).toBe('DungeonPack');
    expect(packClassName('my.content_pack')).toBe('MyContentPack');
    expect(packClassName('3d-world')).toBe('Pack3dWorldPack');
  });

  it("gives a tsconfig.json with which TypeScript resolves @maid/engine, the test kit and vitest, wherever the pack is", async () => {
    expect((await runMaid(['pack', 'new', 'my-pack-typed', '--packs-dir', packsDir])).code).toBe(0);
    const tsc = spawnSync(process.execPath, [join(REPO, 'node_modules/typescript/bin/tsc'), '--noEmit', '-p', join(packsDir, 'my-pack-typed', 'tsconfig.json')], { encoding: 'utf8' });
    expect(tsc.status, tsc.stdout + tsc.stderr).toBe(0);
  });
}, 30_000);

describe('maid pack test', () => {
  let packsDir: string;
  const edit = (rel: string, from: string, to: string) => {
    const file = join(packsDir, rel);
    const text = readFileSync(file, 'utf8');
    if (!text.includes(from)) throw new Error(`${from} not in ${rel}`);
    writeFileSync(file, text.replace(from, to));
  };
  beforeAll(async () => {
    ({ packsDir } = tempPacks());
    for (const name of ['good', 'bad-manifest', 'bad-tick', 'bad-test', 'bad-syntax']) await runMaid(['pack', 'new', name, '--packs-dir', packsDir]);
    edit('bad-manifest/src/pack.ts', "version: '0.1.0'", "version: 'one'");
    edit('bad-tick/src/systems/heartbeat.ts', 'this.seconds += delta;', "throw new Error('the heart stopped');");
    edit('bad-test/tests/pack.test.ts', "describe('bad-test pack', () => {", "describe('bad-test pack', () => {\n  it('is wrong', () => {\n    expect(1 + 1).toBe(3);\n  });\n");
    edit('bad-syntax/src/commands/hello.ts', "help: 'Say hello", "help: , 'Say hello");
  }, 30_000);

  it('passes a new pack: protocol, lifecycle and its own tests', async () => {
    const run = await runMaid(['pack', 'test', 'good', '--packs-dir', packsDir], { timeoutMs: 60_000 });
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toContain(`Pack 'good' v0.1.0 at ${join(packsDir, 'good')}\n`);
    expect(run.stdout).toContain('  ✓ protocol: the manifest and every hook have the right shapes\n');
    expect(run.stdout).toContain('  ✓ lifecycle: loads with its dependencies, ticks and unloads leaving nothing behind (2 cycles)\n');
    expect(run.stdout).toContain('  ✓ own tests: 4 passed, 0 failed in 1 file(s)\n');
    expect(existsSync(join(packsDir, 'good', 'node_modules')), 'vitest caches stay out of the pack folder').toBe(false);
  }, 60_000);

  it('checks a shipped pack with its dependency from the packs folder', async () => {
    const run = await runMaid(['pack', 'test', join(packsDir, 'combat'), '--packs-dir', packsDir, '--kit-only']);
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toContain("Pack 'combat' v1.0.0");
    expect(run.stdout).toContain('  ✓ lifecycle');
  });

  it('fails with exit 1 and says what is wrong: the manifest, a system that throws, a syntax error', async () => {
    const manifest = await runMaid(['pack', 'test', 'bad-manifest', '--packs-dir', packsDir, '--kit-only']);
    expect(manifest.code).toBe(1);
    expect(manifest.stdout).toContain('  ✗ protocol');
    expect(manifest.stdout).toContain('manifest version must be a semantic version like "1.0.0" (got "one")');
    expect(manifest.stdout).toContain('  - lifecycle: loads with its dependencies, ticks and unloads leaving nothing behind (2 cycles): not run, the protocol check failed');

    const tick = await runMaid(['pack', 'test', 'bad-tick', '--packs-dir', packsDir, '--kit-only']);
    expect(tick.code).toBe(1);
    expect(tick.stdout).toContain('  ✓ protocol');
    expect(tick.stdout).toContain('  ✗ lifecycle');
    expect(tick.stdout).toMatch(/system HeartbeatSystem failed while ticking: .*the heart stopped/);

    const syntax = await runMaid(['pack', 'test', 'bad-syntax', '--packs-dir', packsDir, '--kit-only']);
    expect(syntax.code).toBe(1);
    expect(syntax.stdout).toContain('  ✗ protocol');
    expect(syntax.stdout).toMatch(/src\/commands\/hello\.ts:\d+:\d+/);
  });

  it("fails with exit 1 when the pack's own tests fail", async () => {
    const run = await runMaid(['pack', 'test', 'bad-test', '--packs-dir', packsDir], { timeoutMs: 60_000 });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('  ✗ own tests: 4 passed, 1 failed in 1 file(s)');
  }, 60_000);

  it('run inside a pack folder with a dependency, with no flags, finds the dependency in the folder the pack lives in', async () => {
    const run = await runMaid(['pack', 'test'], { cwd: join(packsDir, 'combat'), timeoutMs: 90_000 });
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toContain(`Pack 'combat' v1.0.0 at ${join(packsDir, 'combat')}\n`);
    expect(run.stdout).toContain('  ✓ lifecycle: loads with its dependencies');
    expect(run.stdout).toMatch(/ {2}✓ own tests: \d+ passed, 0 failed in \d+ file\(s\)/);
    expect(run.stdout + run.stderr).not.toMatch(/not found in|Cannot find package/);
  }, 90_000);

  it('a folder that is not a pack: says it has no src/pack.ts, and never speaks of --content (exit 2)', async () => {
    const notAPack = join(packsDir, '..', 'notes');
    mkdirSync(notAPack, { recursive: true });
    const here = await runMaid(['pack', 'test'], { cwd: notAPack });
    expect(here.code).toBe(2);
    expect(here.stderr).toContain(`The current folder (${notAPack}) is not a pack folder: it has no src/pack.ts`);
    const named = await runMaid(['pack', 'test', './notes'], { cwd: join(packsDir, '..') });
    expect(named.code).toBe(2);
    expect(named.stderr).toContain(`${notAPack} is not a pack folder: it has no src/pack.ts`);
    for (const run of [here, named]) expect(run.stderr).not.toContain('--content');
  });

  it('tests the pack in the current folder when no PACK is given; an unknown PACK is exit 2', async () => {
    const here = await runMaid(['pack', 'test', '--kit-only', '--packs-dir', packsDir], { cwd: join(packsDir, 'good') });
    expect(here.code).toBe(0);
    expect(here.stdout).toContain("Pack 'good' v0.1.0");
    const unknown = await runMaid(['pack', 'test', 'nope', '--packs-dir', packsDir]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("No pack named 'nope' in");
  });
});
