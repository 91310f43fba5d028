/**
 * The engine in its own process (issue 11): when it dies or is restarted,
 * the gateway keeps every connection and puts each player back in the
 * world as their character, without logging in again.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { removeTempDirs, runMaid } from '../cli/maid-process';
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
});
