/**
 * Ctrl-C during a slow reload (issue 14, item 14): the first Ctrl-C says
 * what the clean stop waits for; a second one stops at once (exit 130),
 * saying what is kept. A real server process, real signals.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { removeTempDirs, startMaid, tempPacks } from './maid-process';
import { storageFromSettings } from '../../src/engine/host';
import { LAST_TICK_META } from '../../src/engine/storage';

afterAll(removeTempDirs);

/** A pack whose onLoad waits DELAY_MS: 0 at start, a minute once the author saves a new delay. */
function slowPack(packsDir: string): string {
  const dir = join(packsDir, 'slow');
  mkdirSync(join(dir, 'src'), { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: '@packs/slow', version: '0.1.0', main: 'src/pack.ts' }));
  writeFileSync(join(dir, 'src', 'delay.ts'), 'export const DELAY_MS = 0;\n');
  writeFileSync(
    join(dir, 'src', 'pack.ts'),
    "import { DELAY_MS } from './delay';\nexport default {\n  manifest: { name: 'slow', version: '0.1.0' },\n  async onLoad() {\n    if (DELAY_MS > 0) await new Promise((resolve) => setTimeout(resolve, DELAY_MS));\n  },\n};\n",
  );
  return join(dir, 'src', 'delay.ts');
}

describe('Ctrl-C while a reload runs', () => {
  it('the first Ctrl-C says it waits for the reload; the second stops at once (exit 130)', async () => {
    const { packsDir, dataDir } = tempPacks(['starter-world']);
    const delay = slowPack(packsDir);
    const server = startMaid(['server', 'start', '--watch', '--watch-debounce', '0.1', '--packs-dir', packsDir, '--data-dir', dataDir]);
    try {
      await server.waitFor('Ctrl-C stops the server', { timeoutMs: 30_000 });
      const from = server.lines.length;
      writeFileSync(delay, 'export const DELAY_MS = 60_000;\n');
      await server.waitFor('Triggering reload for pack: slow', { from });

      server.child.kill('SIGINT');
      await server.waitFor('[INFO] Received SIGINT, stopping', { from });
      await server.waitFor("[INFO] Waiting for the reload of pack 'slow' to finish; press Ctrl-C again to stop at once", { from });
      expect(server.child.exitCode).toBeNull(); // still waiting, as it said

      const asked = Date.now();
      server.child.kill('SIGINT');
      const done = await server.exited;
      expect(done.code).toBe(130);
      expect(Date.now() - asked).toBeLessThan(5000); // at once, not after the minute-long reload
      const said = /^\[WARNING\] Received SIGINT again, stopping at once without finishing the shutdown: the world is as committed at tick (\d+), the last completed one$/m.exec(done.stderr);
      expect(said, done.stderr).not.toBeNull();
      // The saved world says the same: its last committed tick is the one named.
      const storage = storageFromSettings({ dataDir });
      await storage.open();
      try {
        expect(await storage.getMeta(LAST_TICK_META)).toBe(said?.[1]);
      } finally {
        await storage.close();
      }
    } finally {
      await server.stop('SIGKILL');
    }
  }, 60_000);
});
