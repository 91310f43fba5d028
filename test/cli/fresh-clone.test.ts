/**
 * On a fresh clone (the repository's files, its node_modules as `npm ci`
 * leaves them), in the clone's folder and with the default packs and data
 * folders: `maid pack new my-pack`, `maid pack test my-pack`, then
 * `maid server start --content ./packs/my-pack --watch` all succeed, and
 * the new pack hot-reloads.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir, removeTempDirs, REPO, runMaid, startMaid } from './maid-process';

afterAll(removeTempDirs);

const CLONED = ['bin', 'src', 'packs/starter-world', 'packs/combat', 'package.json', 'tsconfig.json', 'vitest.config.ts'];

describe('a new pack on a fresh clone', () => {
  let clone: string;
  const maid = (args: string) => runMaid(args.split(' '), { cwd: clone, bin: join(clone, 'bin/maid.mjs'), timeoutMs: 60_000 });

  beforeAll(() => {
    clone = makeTempDir('maid-clone-');
    for (const path of CLONED) cpSync(join(REPO, path), join(clone, path), { recursive: true });
    symlinkSync(join(REPO, 'node_modules'), join(clone, 'node_modules'), 'dir');
  });

  it('maid pack new my-pack, then maid pack test my-pack', async () => {
    const made = await maid('pack new my-pack');
    expect(made.code, made.stderr).toBe(0);
    expect(made.stdout).toContain("Created pack 'my-pack' in ./packs/my-pack:");
    expect(JSON.parse(readFileSync(join(clone, 'packs/my-pack/tsconfig.json'), 'utf8'))).toMatchObject({ extends: '../../tsconfig.json' });

    const tested = await maid('pack test my-pack');
    expect(tested.code, tested.stdout + tested.stderr).toBe(0);
    expect(tested.stdout).toMatch(/✓ own tests: \d+ passed, 0 failed in 1 file\(s\)/);
  }, 60_000);

  it("with the author's pack in packs/, the repository's tests that use packs still pass (they run on copies of the packs they mean)", () => {
    const vitest = spawnSync(process.execPath, [join(clone, 'node_modules/vitest/vitest.mjs'), 'run', 'src/main/host/studio-host.test.ts', 'packs/'], { cwd: clone, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    expect(vitest.status, vitest.stdout + vitest.stderr).toBe(0);
    expect(vitest.stdout).toMatch(/src\/main\/host\/studio-host\.test\.ts/);
    expect(vitest.stdout).toMatch(/packs\/combat\/tests\/pack\.test\.ts/);
    // The author's pack is tested by `maid pack test`, not by the repository's `npm test`.
    expect(vitest.stdout).not.toContain('packs/my-pack');
  }, 120_000);

  it('maid server start --content ./packs/my-pack --watch serves it and reloads it on save', async () => {
    const server = startMaid(['server', 'start', '--content', './packs/my-pack', '--watch'], { cwd: clone, bin: join(clone, 'bin/maid.mjs'), timeoutMs: 20_000 });
    try {
      await server.waitFor('Ctrl-C stops the server');
      expect(server.lines).toContain(`[INFO] Watching: my-pack at ${join(clone, 'packs/my-pack/src')}`);
      expect(server.lines).toContain('[INFO]   my-pack v0.1.0: systems [HeartbeatSystem], commands [my-pack]');
      const from = server.lines.length;
      const file = join(clone, 'packs/my-pack/src/commands/hello.ts');
      writeFileSync(file, readFileSync(file, 'utf8').replace("'Hello from my-pack!'", "'Welcome to my-pack!'"));
      await server.waitFor(/^\[INFO\] Successfully reloaded pack 'my-pack' in \d+\.\d{3}s$/, { from });
      expect(server.lines.slice(from, from + 2)).toEqual(['[INFO] File changed: src/commands/hello.ts', '[INFO] Triggering reload for pack: my-pack']);

      const manual = await maid('dev reload my-pack --type pack');
      expect(manual.code, manual.stderr).toBe(0);
      expect(manual.stdout).toMatch(/^\[INFO\] Successfully reloaded pack 'my-pack' in /);
    } finally {
      expect((await server.stop('SIGINT')).code).toBe(0);
    }
  }, 40_000);

  it("the pack's tsconfig.json lets TypeScript (and so an editor) resolve @maid/engine", () => {
    const tsc = spawnSync(process.execPath, [join(clone, 'node_modules/typescript/bin/tsc'), '--noEmit', '-p', 'packs/my-pack/tsconfig.json'], { cwd: clone, encoding: 'utf8' });
    expect(tsc.status, tsc.stdout + tsc.stderr).toBe(0);
  }, 30_000);
});
