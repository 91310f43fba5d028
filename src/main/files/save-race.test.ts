// Issue 15, item 4, as the attacker did it: while studio saves run, another
// process keeps swapping a folder of the pack for a symbolic link to a
// folder outside it. No save may land outside; and writes into .git/ and
// node_modules/ of a pack are refused.
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StudioError } from '../../shared/errors';
import { PackFiles } from './pack-files';

let root: string;
let packDir: string;
let outside: string;
let files: PackFiles;

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'maid-save-race-'));
  packDir = join(root, 'packs', 'combat');
  outside = join(root, 'outside');
  await mkdir(join(packDir, 'src', 'systems'), { recursive: true });
  await mkdir(join(packDir, '.git'), { recursive: true });
  await mkdir(join(packDir, 'node_modules', 'lib'), { recursive: true });
  await mkdir(outside);
  files = new PackFiles((pack) => (pack === 'combat' ? packDir : undefined));
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

/**
 * A separate process that swaps src/systems for a link to `outside` and
 * back, as fast as it can, for at most `seconds` or until killed.
 */
function startSwapper(seconds: number) {
  const script = `
    const fs = require('node:fs');
    const [dir, aside, target, seconds] = process.argv.slice(1);
    const end = Date.now() + Number(seconds) * 1000;
    let swaps = 0;
    process.stdout.write('started\\n');
    while (Date.now() < end && swaps < 5_000_000) {
      try { fs.renameSync(dir, aside); fs.symlinkSync(target, dir); } catch {}
      try { fs.unlinkSync(dir); } catch {}
      try { fs.renameSync(aside, dir); } catch {}
      swaps++;
    }
  `;
  const child = spawn(process.execPath, ['-e', script, join(packDir, 'src', 'systems'), join(packDir, 'src', 'systems-aside'), outside, String(seconds)], { stdio: ['ignore', 'pipe', 'inherit'] });
  const started = new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return { started, stop: async () => { child.kill('SIGKILL'); await exited; } };
}

describe('saves racing a folder swapped for a symbolic link', () => {
  it('never write outside the pack', async () => {
    const swapper = startSwapper(20);
    await swapper.started;
    let saved = 0;
    const refused = new Map<string, number>();
    try {
      // Bounded by count and by time: 3,000 saves, four at a time, or 15 s.
      const end = Date.now() + 15_000;
      for (let i = 0; i < 750 && Date.now() < end; i++) {
        await Promise.all(
          [0, 1, 2, 3].map(async (j) => {
            try {
              await files.save({ pack: 'combat', path: `src/systems/f${j}.ts`, content: `export const N = ${i};\n` });
              saved++;
            } catch (err) {
              const code = err instanceof StudioError ? err.code : 'unexpected';
              refused.set(code, (refused.get(code) ?? 0) + 1);
            }
          }),
        );
      }
    } finally {
      await swapper.stop();
    }
    expect(await readdir(outside)).toEqual([]);
    expect(saved).toBeGreaterThan(0);
    // What failed, failed as a refusal or a vanished folder, never as a crash.
    expect([...refused.keys()].filter((code) => !['forbidden', 'not-found', 'conflict', 'invalid-argument'].includes(code))).toEqual([]);
  }, 40_000);
});

describe('writes into .git/ and node_modules/', () => {
  it('are refused, in any letter case, and write nothing', async () => {
    for (const path of ['.git/config', '.git/hooks/pre-commit', 'node_modules/lib/index.js', 'src/node_modules/x.ts', '.GIT/config', 'Node_Modules/x.js']) {
      const attempt = await files.save({ pack: 'combat', path, content: 'evil' }).then(() => undefined, (err: unknown) => err);
      expect(attempt, path).toBeInstanceOf(StudioError);
      expect((attempt as StudioError).code, path).toBe('forbidden');
      expect((attempt as StudioError).message, path).toMatch(/does not write into (\.git|node_modules)\//i);
      await expect(files.create({ pack: 'combat', path, content: 'evil' }), path).rejects.toMatchObject({ code: 'forbidden' });
    }
    await writeFile(join(packDir, 'src', 'ok.ts'), 'x');
    await expect(files.rename({ pack: 'combat', from: 'src/ok.ts', to: '.git/hooks/post-checkout' })).rejects.toMatchObject({ code: 'forbidden' });
    expect(await readdir(join(packDir, '.git'))).toEqual([]);
    expect(await readdir(join(packDir, 'node_modules', 'lib'))).toEqual([]);
  });
});
