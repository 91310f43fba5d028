/**
 * Errors pack code throws outside any engine call, in the real `maid server
 * start` process (which owns the process and so installs the reports): a
 * throw inside a global setTimeout and an unhandled rejection, both from a
 * command. Each is logged at its pack file and line; the server lives on.
 */
import { cpSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { removeTempDirs, startMaid, tempPacks } from '../cli/maid-process';
import { TelnetTestClient } from './kit/telnet-client';

afterAll(removeTempDirs);

const fixture = fileURLToPath(new URL('./fixtures/runaway', import.meta.url));

function positionOf(file: string, text: string): string {
  const lines = readFileSync(file, 'utf8').split('\n');
  const line = lines.findIndex((l) => l.includes(text));
  if (line < 0) throw new Error(`${text} is not in ${file}`);
  return `src/pack.ts:${line + 1}:${(lines[line] as string).indexOf(text) + 1}`;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('errors from pack code outside any engine call, in maid server start', () => {
  it('a throw in a global setTimeout and an unhandled rejection are logged at the pack file and line, and the game goes on', async () => {
    const { packsDir, dataDir } = tempPacks(['starter-world']);
    cpSync(fixture, join(packsDir, 'runaway'), { recursive: true });
    const server = startMaid(['server', 'start', '--packs-dir', packsDir, '--data-dir', dataDir]);
    const player = await (async () => {
      await server.waitFor('Ctrl-C stops the server', { timeoutMs: 20_000 });
      const ready = server.lines.find((l) => l.includes('Players connect: telnet')) ?? '';
      return TelnetTestClient.connect(Number(/telnet 127\.0\.0\.1 (\d+)$/.exec(ready)?.[1]));
    })();
    try {
      await player.login('Tamsin', 'silver-moon-42', true);
      const packFile = join(packsDir, 'runaway', 'src', 'pack.ts');

      let from = server.lines.length;
      expect(await player.command('later')).toContain('Later.');
      const thrown = await server.waitFor(/Uncaught error from pack 'runaway'/, { from });
      expect(thrown).toBe(
        `[ERROR] Uncaught error from pack 'runaway', outside any engine call: Error: thrown from a global timer at ${positionOf(packFile, "new Error('thrown from a global timer')")}; the game goes on`,
      );

      from = server.lines.length;
      expect(await player.command('reject')).toContain('Rejected.');
      const rejected = await server.waitFor(/Unhandled promise rejection from pack 'runaway'/, { from });
      expect(rejected).toMatch(
        new RegExp(`^\\[ERROR\\] Unhandled promise rejection from pack 'runaway', outside any engine call: Error: rejected and never awaited at ${escape(positionOf(packFile, "new Error('rejected and never awaited')"))}; the game goes on$`),
      );

      // The game is unaffected: the player plays on, the process is alive.
      expect(await player.command('look')).toContain('Town Square');
      expect(server.child.exitCode).toBeNull();
    } finally {
      player.close();
      await server.stop('SIGKILL');
    }
  }, 40_000);
});
