/**
 * The engine in its own process (issue 11): when it dies or is restarted,
 * the gateway keeps every connection and puts each player back in the
 * world as their character, without logging in again.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { removeTempDirs } from '../cli/maid-process';
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
});
