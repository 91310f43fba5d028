/**
 * `maid account grant NAME builder` and `revoke`: on the data directory's
 * world.db when no server runs there, and through the admin API of a
 * running `maid server start` (gateway and engine process), where the
 * player online gets the role at their next command.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { makeTempDir, removeTempDirs, runMaid } from '../cli/maid-process';
import { player, startServer, packsWith } from '../gateway/kit';
import { useServers } from '../server/kit/harness';
import { buildWorld } from './kit';

afterAll(removeTempDirs);
const servers = useServers();

describe('maid account grant / revoke', () => {
  it("with no server running: writes the world.db, and the account's next login may build (or may not, after revoke)", async () => {
    const dataDir = makeTempDir('maid-grant-data-');
    const first = await buildWorld(servers, { dataDir });
    (await first.player('Ada')).close();
    (await first.player('Bob')).close();
    await first.s.stop();

    const granted = await runMaid(['account', 'grant', 'bob', 'builder', '--data-dir', dataDir]);
    expect(granted.stderr).toBe('');
    expect(granted.code).toBe(0);
    expect(granted.stdout).toContain(`Granted builder to bob in ${dataDir}/world.db; roles now: builder`);

    const again = await buildWorld(servers, { dataDir, packsDir: first.s.packsDir });
    const bob = await servers.client(again.s.telnetPort);
    await bob.login('Bob', 'silver-moon-42', false);
    expect(await bob.command('@where')).toContain('[starter-world:town-square] at starter-world/areas/town.yaml:');
    bob.close();
    await again.s.stop();

    const revoked = await runMaid(['account', 'revoke', 'Bob', 'builder', '--data-dir', dataDir]);
    expect(revoked.code).toBe(0);
    expect(revoked.stdout).toContain('roles now: none (a player)');
    const third = await buildWorld(servers, { dataDir, packsDir: first.s.packsDir });
    const bob2 = await servers.client(third.s.telnetPort);
    await bob2.login('Bob', 'silver-moon-42', false);
    expect(await bob2.command('@where')).toContain('Only builders can use @where.');
  });

  it('bad input is a clear error and changes nothing', async () => {
    const dataDir = makeTempDir('maid-grant-data-');
    const empty = await runMaid(['account', 'grant', 'Ada', 'builder', '--data-dir', dataDir]);
    expect(empty.code).toBe(1);
    expect(empty.stderr).toContain(`No world database in ${dataDir}: no server has run there yet`);

    const w = await buildWorld(servers, { dataDir });
    (await w.player('Ada')).close();
    await w.s.stop();
    const role = await runMaid(['account', 'grant', 'Ada', 'wizard', '--data-dir', dataDir]);
    expect(role.code).toBe(2);
    expect(role.stderr).toContain('Unknown role "wizard": the roles are builder');
    const nobody = await runMaid(['account', 'grant', 'Zed', 'builder', '--data-dir', dataDir]);
    expect(nobody.code).toBe(1);
    expect(nobody.stderr).toContain(`No account named 'Zed' in ${dataDir}/world.db`);
  });

  it('with maid server start running: through its admin API, at once for the player online', async () => {
    const server = await startServer(packsWith());
    try {
      const ada = await player(server.port, 'Ada');
      expect(await ada.command('@where')).toContain('[starter-world:town-square]');
      const bob = await player(server.port, 'Bob');
      expect(await bob.command('@where')).toContain('Only builders can use @where.');

      const granted = await runMaid(['account', 'grant', 'Bob', 'builder', '--data-dir', server.dataDir]);
      expect(granted.stderr).toBe('');
      expect(granted.stdout).toContain('Granted builder to Bob on the running server; roles now: builder');
      expect(await bob.command('@where')).toContain('[starter-world:town-square]');

      const revoked = await runMaid(['account', 'revoke', 'Ada', 'builder', '--data-dir', server.dataDir]);
      expect(revoked.stdout).toContain('Revoked builder from Ada on the running server; roles now: none (a player)');
      expect(await ada.command('@where')).toContain('Only builders can use @where.');

      const nobody = await runMaid(['account', 'grant', 'Zed', 'builder', '--data-dir', server.dataDir]);
      expect(nobody.code).toBe(1);
      expect(nobody.stderr).toContain("No account named 'Zed'");
      ada.close();
      bob.close();
    } finally {
      await server.maid.stop();
    }
  });
});
