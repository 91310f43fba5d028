import http from 'node:http';
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { useServers } from './kit/harness';
import { WsTestClient } from './kit/ws-client';

const { server, client, track } = useServers();

describe('the WebSocket endpoint (gmcp.mudstandards.org)', () => {
  it('logs in over binary text frames, hides the password with Core.Echo, and sends GMCP as text frames', async () => {
    const s = await server();
    const url = s.addresses.webSocket!.url;
    const ws = track(await WsTestClient.connect(url));
    expect(ws.ws.protocol).toBe('gmcp.mudstandards.org');
    ws.sendGmcp('Core.Hello', { client: 'MAID Studio', version: '0.1' });
    ws.sendGmcp('Core.Supports.Set', ['Char 1', 'Room 1']);
    ws.sendGmcp('Core.Window', { width: 120, height: 40 });
    await ws.waitFor('Name:');
    ws.line('Nora');
    await ws.waitFor('(yes/no)');
    ws.line('y');
    await ws.waitFor('Choose a password:');
    expect(ws.gmcp).toContainEqual({ package: 'Core.Echo', data: { echo: false } });
    ws.line('silver-moon-42');
    await ws.waitFor('Type the password again:');
    ws.line('silver-moon-42');
    const room = await ws.waitFor('Exits:');
    expect(room).toContain('Town Square');
    expect(ws.gmcp.at(-1)?.package === 'Core.Echo' || ws.gmcp.some((m) => m.package === 'Core.Echo' && (m.data as { echo: boolean }).echo)).toBe(true);
    // Colour comes as ANSI in the binary frames; lines end with CR LF.
    // eslint-disable-next-line no-control-regex
    expect(ws.rawText).toMatch(/\u001b\[1mTown Square\u001b\[0m\r\n/);
    // The login room's Room.Info comes at the end of the tick: counted before the move, not taken for the temple's.
    expect((await ws.waitForGmcp('Room.Info')).data).toMatchObject({ name: 'Town Square' });
    const from = ws.gmcp.length;
    const mark = ws.mark();
    ws.line('west');
    await ws.waitFor('Temple of the Dawn', mark);
    expect((await ws.waitForGmcp('Room.Info', from)).data).toMatchObject({ id: 'starter-world:temple', name: 'Temple of the Dawn' });
    expect(await ws.waitForGmcp('Char.Vitals')).toMatchObject({ data: { hp: 100, maxhp: 100 } });
    // Room.Info goes out at the end of the tick, after the prompt: it brings no second prompt.
    ws.line('say one prompt');
    const said = await ws.waitFor('You say', mark);
    expect(said).toMatch(/Exits:[^\n]*\r\n> You say/);
    expect(said).not.toContain('> > ');
  });

  it('shares sessions with telnet: a WebSocket player and a telnet player see each other', async () => {
    const s = await server();
    const telnet = await client(s.telnetPort);
    await telnet.login('Olaf', 'silver-moon-42', true);
    const ws = track(await WsTestClient.connect(s.addresses.webSocket!.url));
    await ws.waitFor('Name:');
    ws.line('Pia');
    await ws.waitFor('(yes/no)');
    ws.line('yes');
    await ws.waitFor('Choose a password:');
    ws.line('silver-moon-42');
    await ws.waitFor('again:');
    ws.line('silver-moon-42');
    await ws.waitFor('Olaf is here.');
    await telnet.waitFor('Pia appears.');
    ws.line('say hello {red}there');
    await telnet.waitFor('Pia says, "hello {red}there"');
  });

  it('refuses a client that offers only other subprotocols, with a reason, and answers plain HTTP', async () => {
    const s = await server();
    const url = s.addresses.webSocket!.url;
    const refused = await new Promise<{ status: number; body: string }>((resolve) => {
      const ws = new WebSocket(url, ['telnet.mudstandards.org']);
      ws.on('unexpected-response', (_req, res) => {
        let body = '';
        res.on('data', (d: Buffer) => (body += d.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      });
      ws.on('error', () => {});
    });
    expect(refused.status).toBe(400);
    expect(refused.body).toContain('gmcp.mudstandards.org');
    const plain = await new Promise<{ status: number; body: string }>((resolve) => {
      http.get(url.replace('ws:', 'http:'), (res) => {
        let body = '';
        res.on('data', (d: Buffer) => (body += d.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      });
    });
    expect(plain.status).toBe(426);
    expect(plain.body).toContain('subprotocol gmcp.mudstandards.org');
  });

  it('closes a WebSocket that sends a frame over the limit, and keeps serving others', async () => {
    const s = await server({ limits: { maxInputBuffer: 4096, maxSubnegotiation: 1024, maxLineLength: 200 } });
    const url = s.addresses.webSocket!.url;
    const big = track(await WsTestClient.connect(url));
    await big.waitFor('Name:');
    big.ws.send(Buffer.alloc(100_000, 0x61), { binary: true });
    const start = Date.now();
    while (!big.closed && Date.now() - start < 3000) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(big.closed?.code).toBe(1009);
    const other = track(await WsTestClient.connect(url));
    await other.waitFor('Name:');
    // an oversized GMCP frame is ignored; an overlong line, or too much input without a line end, refused with a message
    other.sendGmcp('Core.Supports.Set', ['x'.repeat(2000)]);
    other.line('y'.repeat(300));
    await other.waitFor('That line was longer than 200 characters and was ignored.');
    for (let i = 0; i < 3; i++) other.ws.send(Buffer.alloc(2000, 0x7a), { binary: true });
    await other.waitFor('You sent more than 4096 bytes without a line end; they were discarded.');
    other.line('');
    other.line('Quinn');
    await other.waitFor('Create a new character named Quinn?');
  });
});
