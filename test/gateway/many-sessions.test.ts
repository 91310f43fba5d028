/**
 * kill -9 of the engine while 200 sessions play (issue 11): the gateway
 * drops none of them, and every one is answered again within 2 s.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { removeTempDirs } from '../cli/maid-process';
import { TelnetTestClient } from '../server/kit/telnet-client';
import { committed, packsWith, startServer } from './kit';

afterAll(removeTempDirs);

const SESSIONS = 200;
/** Many connections from one address, quickly, and cheap password hashes: this is a load test, not an attack. */
const ENV = { MAID_MAX_CONNECTIONS_PER_ADDRESS: '1000', MAID_CONNECTIONS_PER_SECOND: '1000', MAID_PASSWORD_COST: '10' };

/** Names are letters only: 0 -> Paa, 1 -> Pab, ... */
function nameOf(n: number): string {
  const a = 'a'.charCodeAt(0);
  return `P${String.fromCharCode(a + Math.floor(n / 26) % 26)}${String.fromCharCode(a + (n % 26))}`;
}

describe('200 sessions through an engine crash', () => {
  it('kill -9 of the engine process: no session dropped, all answered again within 2 s', async () => {
    const server = await startServer(packsWith(), [], ENV);
    const clients: TelnetTestClient[] = [];
    try {
      for (let batch = 0; batch < SESSIONS; batch += 20) {
        const joined = await Promise.all(
          Array.from({ length: 20 }, async (_, i) => {
            const client = await TelnetTestClient.connect(server.port);
            await client.login(nameOf(batch + i), 'correct horse battery', true);
            return client;
          }),
        );
        clients.push(...joined);
      }
      await committed(server.dataDir);
      const killed = Date.now();
      process.kill(server.enginePid, 'SIGKILL');
      const answeredAfter = await Promise.all(
        clients.map(async (client) => {
          const from = client.mark();
          client.line('look');
          await client.waitFor('Exits:', from, 10_000);
          return Date.now() - killed;
        }),
      );
      expect(clients.filter((c) => c.closed)).toHaveLength(0);
      expect(Math.max(...answeredAfter)).toBeLessThan(2000);
    } finally {
      for (const c of clients) c.close();
      await server.maid.stop();
    }
  }, 120_000);
});
