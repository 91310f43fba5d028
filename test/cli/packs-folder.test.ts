/**
 * What `maid server start` makes of the folders in packs/ (issue 14, item
 * 6): a folder whose package.json `main` names its entry is a pack loaded
 * from `main`; a folder that is not a pack is reported once at start, never
 * skipped silently.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { removeTempDirs, startMaid, tempPacks } from './maid-process';

afterAll(removeTempDirs);

describe('folders in packs/', () => {
  it("loads a pack from its package.json main, and names each folder that is not a pack once", async () => {
    const { packsDir, dataDir } = tempPacks(['starter-world']);
    const main = join(packsDir, 'by-main');
    mkdirSync(join(main, 'src'), { recursive: true });
    writeFileSync(join(main, 'package.json'), JSON.stringify({ name: '@packs/by-main', version: '0.1.0', main: 'src/index.ts' }));
    writeFileSync(
      join(main, 'src', 'index.ts'),
      "import { defineCommand } from '@maid/engine';\nexport default { manifest: { name: 'by-main', version: '0.1.0' }, getCommands: () => [defineCommand({ name: 'by-main', help: 'x', handler: () => {} })] };\n",
    );
    mkdirSync(join(packsDir, 'notes'));
    writeFileSync(join(packsDir, 'notes', 'README.md'), 'ideas for a pack\n');
    mkdirSync(join(packsDir, 'typo'));
    writeFileSync(join(packsDir, 'typo', 'package.json'), JSON.stringify({ name: 'typo', main: 'src/pakc.ts' }));

    const server = startMaid(['server', 'start', '--packs-dir', packsDir, '--data-dir', dataDir]);
    try {
      await server.waitFor('Ctrl-C stops the server', { timeoutMs: 30_000 });
      const out = server.lines;
      expect(out).toContain("[INFO] Loaded pack 'by-main' v0.1.0: 0 system(s), 1 command(s), 0 component(s)");
      const notes = `[WARNING] Folder 'notes' in ${packsDir} is not a pack, skipped: it has no src/pack.ts (nor a package.json "main" naming its entry module)`;
      const typo = `[WARNING] Folder 'typo' in ${packsDir} is not a pack, skipped: its package.json "main" names src/pakc.ts, which does not exist (and it has no src/pack.ts)`;
      expect(out.filter((l) => l === notes)).toHaveLength(1);
      expect(out.filter((l) => l === typo)).toHaveLength(1);
      expect(out.filter((l) => l.includes("Folder '"))).toHaveLength(2);
    } finally {
      await server.stop('SIGKILL');
    }
  }, 40_000);
});
