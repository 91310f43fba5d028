/**
 * Log lines (issue 14, item 12): `File changed:` names the path within the
 * pack (a pack may have two fish.ts); the server's log has timestamps when
 * written to a pipe or file and the seed's plain form on a terminal; the
 * studio's log, filtered by pack, keeps that pack's `File changed` lines.
 */
import { spawnSync } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MAID_BIN, REPO, removeTempDirs, startMaid, startProcess, tempPacks } from './maid-process';
import { StudioHost } from '../../src/main/host/studio-host';
import { filterLogs } from '../../src/renderer/state/studio-state';

afterAll(removeTempDirs);

const READY = 'Ctrl-C stops the server';
const STAMP = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z \[(INFO|WARNING|ERROR|DEBUG)\] /;

/** A pack with two files called fish.ts, as an author's fishing pack may have. */
function fishingPack(packsDir: string): string {
  const dir = join(packsDir, 'fishing');
  for (const sub of ['commands', 'systems']) mkdirSync(join(dir, 'src', sub), { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: '@packs/fishing', version: '0.1.0', main: 'src/pack.ts' }));
  writeFileSync(join(dir, 'src', 'commands', 'fish.ts'), "import { defineCommand } from '@maid/engine';\nexport const fish = defineCommand({ name: 'fish', help: 'Fish', handler: (ctx) => ctx.session.send('You cast.') });\n");
  writeFileSync(join(dir, 'src', 'systems', 'fish.ts'), 'export const BITE_CHANCE = 0.1;\n');
  writeFileSync(
    join(dir, 'src', 'pack.ts'),
    "import { fish } from './commands/fish';\nimport { BITE_CHANCE } from './systems/fish';\nexport default { manifest: { name: 'fishing', version: '0.1.0', description: `bites ${BITE_CHANCE}` }, getCommands: () => [fish] };\n",
  );
  return dir;
}

describe('log lines', () => {
  it('File changed names the path within the pack; written to a pipe, every line has a timestamp', async () => {
    const { packsDir, dataDir } = tempPacks(['starter-world']);
    const fishing = fishingPack(packsDir);
    // MAID_LOG_TIMESTAMPS unset, as a user has it: the default for a pipe.
    const server = startMaid(['server', 'start', '--watch', '--watch-debounce', '0.1', '--packs-dir', packsDir, '--data-dir', dataDir], { env: { MAID_LOG_TIMESTAMPS: '' } });
    try {
      await server.waitFor(READY, { timeoutMs: 30_000 });
      const from = server.lines.length;
      writeFileSync(join(fishing, 'src', 'systems', 'fish.ts'), 'export const BITE_CHANCE = 0.2;\n');
      await server.waitFor(/Successfully reloaded pack 'fishing'/, { from });
      expect(server.lines.slice(from).map((l) => l.replace(STAMP, '[$1] '))).toEqual(
        expect.arrayContaining(['[INFO] File changed: src/systems/fish.ts', '[INFO] Triggering reload for pack: fishing']),
      );
      const logged = server.lines.filter((l) => l !== '');
      expect(logged.length).toBeGreaterThan(5);
      for (const line of logged) expect(line).toMatch(STAMP);
    } finally {
      await server.stop('SIGKILL');
    }
  }, 40_000);

  const hasScript = spawnSync('script', ['--version']).status === 0 && process.platform === 'linux';
  it.runIf(hasScript)("on a terminal the log keeps the seed's plain form", async () => {
    const { packsDir, dataDir } = tempPacks(['starter-world']);
    const command = [process.execPath, MAID_BIN, 'server', 'start', '--packs-dir', packsDir, '--data-dir', dataDir].map((a) => `'${a}'`).join(' ');
    // script(1) runs the server in a pseudo-terminal; the environment has no MAID_LOG_TIMESTAMPS.
    const server = startProcess('script', ['-qfec', command, '/dev/null'], { env: { TERM: 'xterm', MAID_LOG_TIMESTAMPS: '' }, timeoutMs: 30_000 });
    try {
      await server.waitFor(READY);
      const lines = server.lines.map((l) => l.replace(/\r$/, '')).filter((l) => l.startsWith('['));
      expect(lines).toContain("[INFO] Loaded pack 'starter-world' v1.0.0: 1 system(s), 26 command(s), 14 component(s)");
      expect(server.lines.some((l) => STAMP.test(l))).toBe(false);
    } finally {
      await server.stop('SIGKILL');
    }
  }, 40_000);

  it("the studio's log keeps a pack's File changed lines when filtered by that pack", async () => {
    const work = await mkdtemp(join(tmpdir(), 'maid-log-lines-'));
    let host: StudioHost | undefined;
    try {
      for (const name of ['starter-world', 'combat']) await cp(join(REPO, 'packs', name), join(work, 'packs', name), { recursive: true });
      host = await StudioHost.start({ mode: 'web', packsDir: join(work, 'packs'), dataDir: join(work, 'data'), watchDebounce: 0.05, gamePort: 0, consoleLog: false });
      const reloaded = new Promise<void>((resolve) => {
        const off = host!.events.subscribe((event) => {
          if (event.type === 'reload' && event.entry.packName === 'combat' && event.entry.trigger === 'file') {
            off();
            resolve();
          }
        });
      });
      const file = join(work, 'packs', 'combat', 'src', 'systems', 'combat.ts');
      await writeFile(file, `${await readFile(file, 'utf8')}\n// saved\n`);
      await reloaded;
      host.logs.drain();
      // The studio's own filter, as the log panel applies it when the author picks the pack.
      const combat = filterLogs(host.logs.all(), 'INFO', 'combat', '').map((e) => e.message);
      expect(combat).toContain('File changed: src/systems/combat.ts');
      expect(combat).toContain('Triggering reload for pack: combat');
    } finally {
      await host?.stop();
      await rm(work, { recursive: true, force: true });
    }
  }, 40_000);
});
