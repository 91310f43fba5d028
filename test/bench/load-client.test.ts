/**
 * The load benches time every command with LoadClient: it must find an
 * answer's marker and the prompt's IAC GA after it wherever the reads cut
 * them, refuse the server's telnet offers, and give up on what never comes.
 * Its sockets share one read buffer, so two clients answered together must
 * not see each other's bytes.
 */
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { LoadClient, StreamSearch } from '../../bench/server/load-client';

const IAC = 255;
const GA = 249;

describe('StreamSearch', () => {
  const search = (needle: string, chunks: string[]): number[] => {
    const s = new StreamSearch(Buffer.from(needle, 'latin1'));
    return chunks.map((c) => s.feed(Buffer.from(c, 'latin1'), 0));
  };

  it('finds a needle inside one chunk, and says where it ends', () => {
    expect(search('Exits:', ['room\r\nExits: north'])).toEqual([12]);
  });

  it('finds a needle cut across two chunks, at any point, and one whose only byte ends a chunk', () => {
    for (let cut = 1; cut < 6; cut++) {
      const [a, b] = ['...Exits:'.slice(0, 3 + cut), 'Exits:'.slice(cut) + ' north'];
      expect(search('Exits:', [a, b])).toEqual([-1, 6 - cut]);
    }
    expect(search('\xff\xf9', ['text\xff', '\xf9'])).toEqual([-1, 1]);
  });

  it('does not match what only a later chunk repeats of an earlier one', () => {
    expect(search('Exits:', ['Exi', 'xits:', 'Exits:'])).toEqual([-1, -1, 6]);
  });

  it('searches from the offset it is given', () => {
    const s = new StreamSearch(Buffer.from([IAC, GA]));
    const chunk = Buffer.from([IAC, GA, 65, IAC, GA]);
    expect(s.feed(chunk, 1)).toBe(5);
  });
});

describe('LoadClient against a real socket', () => {
  let server: net.Server | undefined;
  const sockets = new Set<net.Socket>();
  afterEach(async () => {
    for (const socket of sockets) socket.destroy();
    sockets.clear();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    server = undefined;
  });

  /** A server that offers ECHO, records what each client sends, and answers `look` in two writes. */
  const start = (): Promise<{ port: number; refused: Promise<void> }> =>
    new Promise((resolve) => {
      let seen = Buffer.alloc(0);
      let sawRefusal: () => void = () => {};
      const refused = new Promise<void>((r) => (sawRefusal = r));
      server = net.createServer((socket) => {
        sockets.add(socket);
        socket.setNoDelay(true);
        socket.write(Buffer.from([IAC, 251, 1]));
        socket.on('data', (data: Buffer) => {
          seen = Buffer.concat([seen, data]);
          if (seen.includes(Buffer.from([IAC, 254, 1]))) sawRefusal();
          if (!data.includes('look')) return;
          const tag = data.includes('look A') ? 'A' : 'B';
          socket.write(`A room (${tag}).\r\nExi`);
          setImmediate(() => socket.write(Buffer.concat([Buffer.from(`ts: north (${tag})\r\n> `), Buffer.from([IAC, GA])])));
        });
      });
      server.listen(0, '127.0.0.1', () => resolve({ port: (server!.address() as net.AddressInfo).port, refused }));
    });

  it('times an answer whose marker and prompt come in separate reads, for two clients at once, and refuses the offer', async () => {
    const { port, refused } = await start();
    const [a, b] = await Promise.all([LoadClient.connect(port), LoadClient.connect(port)]);
    const [rttA, rttB] = await Promise.all([a!.command('look A', 'Exits:'), b!.command('look B', 'Exits:')]);
    expect(rttA).toBeGreaterThan(0);
    expect(rttB).toBeGreaterThan(0);
    expect(a!.bytesIn).toBeGreaterThan(20);
    await refused;
    a!.close();
    b!.close();
  });

  it('resolves a wait for a text that never comes as NaN once its time is up', async () => {
    const { port } = await start();
    const client = await LoadClient.connect(port);
    const started = performance.now();
    const at = await client.waitForText('The game is restarting', 300);
    expect(at).toBeNaN();
    expect(performance.now() - started).toBeGreaterThanOrEqual(300);
    client.close();
  });

  it('resolves a wait when the text comes, and says when', async () => {
    const { port } = await start();
    const client = await LoadClient.connect(port);
    const waited = client.waitForText('Exits:', 5000);
    await client.command('look A', 'north');
    expect(await waited).toBeGreaterThan(0);
    client.close();
  });
});
