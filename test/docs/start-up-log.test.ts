/**
 * The start-up log the docs show is the one `npm start` prints (issue 14,
 * item 15): every `Loaded pack` and `Engine started` line in
 * getting-started.md and cli.md appears, as written, when the server
 * starts on copies of the shipped packs.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO, removeTempDirs, startMaid, tempPacks } from '../cli/maid-process';

afterAll(removeTempDirs);

const shown = (doc: string) =>
  readFileSync(join(REPO, 'docs', doc), 'utf8')
    .split('\n')
    .filter((l) => /^\[INFO\] (Loaded pack '(starter-world|combat)'|Engine started)/.test(l));

describe('the start-up log in the docs', () => {
  it("getting-started.md and cli.md show the lines the server prints for the shipped packs", async () => {
    const { packsDir, dataDir } = tempPacks();
    const server = startMaid(['server', 'start', '--packs-dir', packsDir, '--data-dir', dataDir]);
    try {
      await server.waitFor('Ctrl-C stops the server', { timeoutMs: 30_000 });
      for (const doc of ['getting-started.md', 'cli.md']) {
        const lines = shown(doc);
        expect(lines.length, doc).toBeGreaterThanOrEqual(3);
        for (const line of lines) expect(server.lines, `${doc}: ${line}`).toContain(line);
      }
    } finally {
      await server.stop('SIGKILL');
    }
  }, 40_000);
});
