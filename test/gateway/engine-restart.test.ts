/**
 * The engine in its own process (issue 11): when it dies or is restarted,
 * the gateway keeps every connection and puts each player back in the
 * world as their character, without logging in again.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { removeTempDirs, runMaid } from '../cli/maid-process';
import { AdminClient } from '../../src/engine/admin';
import { committed, packsWith, player, startServer } from './kit';

afterAll(removeTempDirs);

describe('engine restarts with players connected', () => {
  it('kill -9 of the engine process: both players stay connected, are told, and play on as their characters', async () => {
    const server = await startServer(packsWith());
    try {
      const ada = await player(server.port, 'Ada');
      const bob = await player(server.port, 'Bob');
      await ada.command('north');
      const before = await ada.command('look');
      await committed(server.dataDir);
      process.kill(server.enginePid, 'SIGKILL');
      await ada.waitFor('The game is restarting');
      await server.maid.waitFor(/Engine restarted \(generation 2\): 2 player\(s\) back in the world/);
      // Typed right away: the line waits for the new engine and runs there, as Ada.
      const look = await ada.command('look', 10_000);
      expect(look).toContain(before.split('\n').find((l) => l.trim() !== '' && !l.includes('>'))?.trim() ?? 'Exits:');
      const who = await bob.command('who');
      expect(who).toContain('Ada');
      expect(who).toContain('Bob');
      expect(ada.closed).toBe(false);
      expect(bob.closed).toBe(false);
    } finally {
      await server.maid.stop();
    }
  }, 60_000);

  it('maid server restart: a new engine process, both players told once and back where they were, without logging in', async () => {
    const server = await startServer(packsWith());
    try {
      const ada = await player(server.port, 'Ada');
      const bob = await player(server.port, 'Bob');
      expect(await ada.command('north')).toContain('North Road');
      const from = ada.mark();
      const restart = await runMaid(['server', 'restart', '--data-dir', server.dataDir, '--reason', 'new-engine-build']);
      expect(restart.code, restart.stderr).toBe(0);
      expect(restart.stdout).toMatch(/^\[INFO\] Engine restarted in \d+ ms \(generation 2\); 2 connection\(s\) kept$/m);
      await ada.waitFor('The game is back.', from);
      expect(ada.since(from).match(/The game is restarting \(new-engine-build\)/g)).toHaveLength(1);
      // A clean stop commits the last tick: Ada is where she walked, no wait for a commit needed.
      expect(await ada.command('look')).toContain('North Road');
      expect(await bob.command('who')).toContain('Ada');
      expect([ada.closed, bob.closed]).toEqual([false, false]);
    } finally {
      await server.maid.stop();
    }
  }, 60_000);

  it('an engine that cannot start again (a pack broken meanwhile, --strict): players stay connected and are told why; a restart once it is fixed brings them back', async () => {
    const server = await startServer(packsWith(), ['--strict']);
    try {
      const ada = await player(server.port, 'Ada');
      expect(await ada.command('north')).toContain('North Road');
      const file = join(server.packsDir, 'combat', 'src', 'systems', 'combat.ts');
      const good = readFileSync(file, 'utf8');
      writeFileSync(file, good.replace('BASE_DAMAGE = 10;', 'BASE_DAMAGE = 10 +;'));
      const from = ada.mark();
      const failed = await runMaid(['server', 'restart', '--data-dir', server.dataDir, '--reason', 'new-build']);
      expect(failed.code).not.toBe(0);
      expect(failed.stderr).toMatch(/The engine did not come back: .*combat/);
      await ada.waitFor(/The game cannot come back up yet \(.*combat.*\)\. You stay connected; it tries again in 30 s\./, from);
      await server.maid.waitFor(/The game is down until the engine can start; trying again in 30 s/);
      const status = await AdminClient.fromDataDir(server.dataDir).status();
      expect(status.engine).toMatchObject({ state: 'failed', failure: expect.stringContaining('combat') });
      expect(ada.closed).toBe(false);

      writeFileSync(file, good);
      const back = await runMaid(['server', 'restart', '--data-dir', server.dataDir, '--reason', 'fixed']);
      expect(back.code, back.stderr).toBe(0);
      await ada.waitFor('The game is back.', from);
      expect(await ada.command('look')).toContain('North Road');
      expect(ada.closed).toBe(false);
    } finally {
      await server.maid.stop();
    }
  }, 90_000);
});
