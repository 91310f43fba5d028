// Issue 15, item 3, as the attacker did it over real sockets: a client
// streaming 0xFF bytes as fast as TCP lets it, one streaming IAC DO x, and
// one address opening connections in a burst. Each is held to its limit
// while a player keeps playing. Sizes and time are bounded; no timing is
// asserted except upper bounds that slowness can only make easier to meet.
import net from 'node:net';
import WebSocket from 'ws';
import { describe, expect, it } from 'vitest';
import { DO, IAC, WONT } from '../../src/engine/server/telnet';
import { useServers } from '../server/kit/harness';

const { server, client, track } = useServers();

/** Writes `pattern` repeatedly to the socket, respecting its backpressure, for at most `ms` or `maxBytes`. */
async function stream(socket: net.Socket, pattern: Buffer, ms: number, maxBytes: number): Promise<number> {
  const end = Date.now() + ms;
  let written = 0;
  while (Date.now() < end && written < maxBytes && !socket.destroyed) {
    written += pattern.length;
    if (!socket.write(pattern)) {
      const drained = await Promise.race([new Promise<boolean>((r) => socket.once('drain', () => r(true))), new Promise<boolean>((r) => setTimeout(() => r(false), Math.max(1, end - Date.now())))]);
      if (!drained) break;
    }
  }
  return written;
}

/** A raw socket, destroyed after the test. */
function connect(port: number, localAddress?: string): Promise<net.Socket> {
  return rawConnect(port, localAddress).then((socket) => {
    track({ close: () => void socket.destroy() });
    return socket;
  });
}

function rawConnect(port: number, localAddress?: string): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ port, host: '127.0.0.1', ...(localAddress ? { localAddress } : {}) });
    socket.on('error', () => {});
    socket.once('connect', () => resolve(socket));
    socket.once('error', reject);
  });
}

describe('a client streaming 0xFF bytes', () => {
  it('is read no faster than its byte budget (the socket waits, nothing piles up), and a player meanwhile keeps playing', async () => {
    const RATE = 32 * 1024;
    const s = await server({ packs: ['starter-world'], limits: { maxInputBytesPerSecond: RATE } });
    const player = await client(s.telnetPort);
    await player.login('Alice', 'plum kettle 42', true);
    const attacker = await connect(s.telnetPort);
    const started = Date.now();
    const flood = stream(attacker, Buffer.alloc(64 * 1024, 0xff), 2000, 64 * 1024 * 1024);
    for (let i = 0; i < 5; i++) expect(await player.command('look')).toContain('Town Square');
    const written = await flood;
    const elapsed = (Date.now() - started) / 1000;
    // What the server read from the attacker: its session is the one not playing.
    const sessions = (s.server as unknown as { sessions: Set<{ state: string; transport: { connection: { bytesIn: number } } }> }).sessions;
    const read = [...sessions].find((x) => x.state !== 'playing')!.transport.connection.bytesIn;
    // Read: at most the budget for the time elapsed, plus the first second's burst and one socket read (64 KiB).
    expect(read).toBeLessThanOrEqual(RATE * (elapsed + 1) + 64 * 1024);
    // The rest waited on the attacker's side of TCP: far more was sent than read.
    expect(written).toBeGreaterThan(read * 2);
  }, 20_000);
});

describe('a WebSocket client streaming binary frames', () => {
  it('is read no faster than its byte budget either', async () => {
    const RATE = 32 * 1024;
    const s = await server({ packs: ['starter-world'], limits: { maxInputBytesPerSecond: RATE } });
    const attacker = new WebSocket(s.addresses.webSocket!.url, ['gmcp.mudstandards.org']);
    track({ close: () => attacker.terminate() });
    attacker.on('error', () => {});
    await new Promise((resolve) => attacker.once('open', resolve));
    const frame = Buffer.alloc(16 * 1024, 0xff);
    const started = Date.now();
    let sent = 0;
    // At most 2 s and 32 MiB, never more than 4 MiB waiting in the client.
    while (Date.now() - started < 2000 && sent < 32 * 1024 * 1024) {
      if (attacker.bufferedAmount < 4 * 1024 * 1024) {
        attacker.send(frame, { binary: true });
        sent += frame.length;
      }
      await new Promise((resolve) => setImmediate(resolve));
    }
    const elapsed = (Date.now() - started) / 1000;
    const sessions = (s.server as unknown as { sessions: Set<{ transport: { protocol: string; bytesIn?: number } }> }).sessions;
    const read = [...sessions].find((x) => x.transport.protocol === 'websocket')!.transport.bytesIn!;
    // The budget, plus the frames ws had already read from the socket when it paused (up to two reads of 64 KiB).
    expect(read).toBeLessThanOrEqual(RATE * (elapsed + 1) + 128 * 1024);
    expect(sent).toBeGreaterThan(read * 2);
  }, 20_000);
});

describe('a client streaming IAC DO x', () => {
  it('gets answers to at most its negotiation budget, not one per request', async () => {
    const s = await server({ packs: ['starter-world'], limits: { maxNegotiationsPerSecond: 50 } });
    const attacker = await connect(s.telnetPort);
    const answers: Buffer[] = [];
    attacker.on('data', (c: Buffer) => answers.push(c));
    const request = Buffer.from([IAC, DO, 200]);
    const started = Date.now();
    const written = await stream(attacker, Buffer.concat(Array.from({ length: 2000 }, () => request)), 1500, 8 * 1024 * 1024);
    // Wait for the server to have read what we sent it (it stops answering; the player check below proves it is alive).
    const player = await client(s.telnetPort);
    await player.login('Bob', 'plum kettle 42', true);
    const elapsed = (Date.now() - started) / 1000;
    const all = Buffer.concat(answers);
    let refusals = 0;
    for (let i = all.indexOf(IAC); i >= 0 && i + 2 < all.length; i = all.indexOf(IAC, i + 1)) if (all[i + 1] === WONT && all[i + 2] === 200) refusals++;
    expect(written / 3).toBeGreaterThan(10_000);
    expect(refusals).toBeGreaterThan(0);
    expect(refusals).toBeLessThanOrEqual(50 * (elapsed + 1));
  }, 20_000);
});

describe('one address opening connections in a burst', () => {
  it('is turned away past its rate, with a message, while another address gets in', async () => {
    const s = await server({ packs: ['starter-world'], limits: { connectionsPerSecondPerAddress: 5, maxConnectionsPerAddress: 1000 } });
    const sockets = await Promise.all(Array.from({ length: 40 }, () => connect(s.telnetPort, '127.0.0.3')));
    const texts = await Promise.all(
      sockets.map(
        (socket) =>
          new Promise<string>((resolve) => {
            let text = '';
            socket.on('data', (c: Buffer) => {
              text += c.toString('latin1');
              if (text.includes('Name:') || text.includes('Too many')) resolve(text);
            });
            socket.on('close', () => resolve(text));
          }),
      ),
    );
    const refused = texts.filter((t) => t.includes('Too many new connections from your address (at most 5 a second). Wait a moment and try again.'));
    const admitted = texts.filter((t) => t.includes('Name:'));
    expect(refused.length).toBeGreaterThan(0);
    expect(admitted.length).toBeGreaterThanOrEqual(10); // the burst: twice the rate
    // The log says so once, not once per refused connection (the count follows when the window ends).
    expect(s.log.lines().filter((l) => l.includes('Turned away a telnet connection from 127.0.0.3'))).toHaveLength(1);
    const other = await client(s.telnetPort, { localAddress: '127.0.0.4' });
    await other.waitFor('Name:');
  }, 20_000);
});
