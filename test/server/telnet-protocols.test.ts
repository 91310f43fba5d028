import { describe, expect, it } from 'vitest';
import { IAC, Opt, SB, SE } from '../../src/engine/server/telnet';
import { useServers } from './kit/harness';

const { server, client } = useServers();

/** MSSP subnegotiation payload -> { NAME: ['MAID'], ... } */
function decodeMssp(payload: Buffer): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  let name = '';
  let i = 0;
  while (i < payload.length) {
    const kind = payload[i++];
    let end = i;
    while (end < payload.length && payload[end] !== 1 && payload[end] !== 2) end++;
    const text = payload.subarray(i, end).toString('utf8');
    if (kind === 1) name = text;
    else (out[name] ??= []).push(text);
    i = end;
  }
  return out;
}

describe('the game over telnet: GMCP, MSSP, MCCP2, colour', () => {
  it('sends GMCP Room.Info after moving, and Char.Vitals, to a client that asked for them', async () => {
    const s = await server();
    const c = await client(s.telnetPort, { accept: [Opt.GMCP] });
    await c.waitFor('Name:');
    c.sendGmcp('Core.Hello', { client: 'test', version: '1' });
    c.sendGmcp('Core.Supports.Set', ['Room 1', 'Char 1']);
    await c.login('Erin', 'silver-moon-42', true);
    const start = await c.waitForGmcp('Room.Info');
    expect(start.data).toMatchObject({ id: 'starter-world:town-square', name: 'Town Square', exits: { n: expect.any(Number), e: expect.any(Number) } });
    expect(await c.waitForGmcp('Char.Vitals')).toMatchObject({ data: { hp: 100, maxhp: 100 } });
    const from = c.gmcp.length;
    expect(await c.command('north')).toContain('North Road');
    const moved = await c.waitForGmcp('Room.Info', from);
    expect(moved.data).toMatchObject({ id: 'starter-world:north-road', name: 'North Road', num: (start.data as { exits: { n: number } }).exits.n });
    // In the cellar the rat fights back: the vitals follow the damage.
    await c.command('east');
    await c.command('down');
    const fight = c.gmcp.length;
    await c.command('attack rat');
    const hurt = await waitForVitals(c, fight, (hp) => hp < 100);
    expect(hurt).toBeLessThan(100);
  });

  it('sends no Room.Info to a client that did not list Room in Core.Supports', async () => {
    const s = await server();
    const c = await client(s.telnetPort, { accept: [Opt.GMCP] });
    await c.login('Fern', 'silver-moon-42', true);
    await c.command('north');
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(c.gmcp.map((m) => m.package)).not.toContain('Room.Info');
  });

  it('answers DO MSSP with NAME, PLAYERS and UPTIME, and a plain MSSP-REQUEST with the text form', async () => {
    const s = await server({ gameName: 'Test Realm' });
    const player = await client(s.telnetPort);
    await player.login('Gale', 'silver-moon-42', true);
    const c = await client(s.telnetPort, { accept: [Opt.MSSP] });
    await c.waitForNegotiation(0xfb, Opt.MSSP);
    await waitUntil(() => c.subnegotiations.some((sb) => sb.option === Opt.MSSP));
    const vars = decodeMssp(c.subnegotiations.find((sb) => sb.option === Opt.MSSP)!.payload);
    expect(vars.NAME).toEqual(['Test Realm']);
    expect(vars.PLAYERS).toEqual(['1']);
    expect(Number(vars.UPTIME?.[0])).toBeGreaterThan(1_600_000_000);
    expect(Math.abs(Number(vars.UPTIME?.[0]) - Date.now() / 1000)).toBeLessThan(60);
    expect(vars.PORT).toEqual([String(s.telnetPort)]);

    const crawler = await client(s.telnetPort);
    crawler.line('MSSP-REQUEST');
    const reply = await crawler.waitFor('MSSP-REPLY-END');
    expect(reply).toContain('MSSP-REPLY-START\r\nNAME\tTest Realm\r\nPLAYERS\t1\r\n');
    await crawler.waitClosed();
  });

  it('compresses with MCCP2 once the client agrees: the stream inflates to the game text', async () => {
    const s = await server();
    const c = await client(s.telnetPort, { accept: [Opt.MCCP2] });
    const room = await c.login('Hugo', 'silver-moon-42', true);
    expect(room).toContain('Town Square');
    expect(await c.command('look')).toContain('Exits:');
    const raw = Buffer.concat(c.raw);
    const marker = raw.indexOf(Buffer.from([IAC, SB, Opt.MCCP2, IAC, SE]));
    expect(marker).toBeGreaterThan(0);
    // After the marker nothing is in clear text.
    expect(raw.subarray(marker + 5).includes(Buffer.from('Town Square'))).toBe(false);
    expect(raw.subarray(marker + 5).length).toBeLessThan(c.output.length);
  });

  it('colours output for a client whose terminal type says ANSI, and strips it for one that did not say', async () => {
    const s = await server();
    const plain = await client(s.telnetPort);
    const plainRoom = await plain.login('Iris', 'silver-moon-42', true);
    expect(plainRoom).toContain('Town Square');
    expect(plain.rawText).not.toContain('\u001b[');
    const colour = await client(s.telnetPort, { accept: [Opt.TTYPE], terminalTypes: ['MUDLET 4.17', 'XTERM-256COLOR', 'MTTS 271'] });
    await colour.login('Jack', 'silver-moon-42', true);
    // eslint-disable-next-line no-control-regex
    expect(colour.rawText).toMatch(/\u001b\[1mTown Square/);
  });

  it('turns away connections over the per-address limit, with a message', async () => {
    const s = await server({ limits: { maxConnectionsPerAddress: 2 } });
    const a = await client(s.telnetPort);
    const b = await client(s.telnetPort);
    await a.waitFor('Name:');
    await b.waitFor('Name:');
    const c = await client(s.telnetPort);
    await c.waitFor('Too many connections from your address (at most 2)');
    await c.waitClosed();
    a.close();
    await waitUntil(() => s.server.stats().sessions === 1);
    const d = await client(s.telnetPort);
    await d.waitFor('Name:');
  });

  it('queues commands beyond the rate, drops them past the queue with a message, and refuses overlong lines', async () => {
    const s = await server({ limits: { commandsPerSecond: 10, maxQueuedCommands: 5, maxLineLength: 100 } });
    const c = await client(s.telnetPort);
    await c.login('Kate', 'silver-moon-42', true);
    const from = c.mark();
    c.write(Array.from({ length: 40 }, (_, i) => `say burst ${i}\r\n`).join(''));
    await c.waitFor('You are typing faster than 10 commands a second; some were dropped.', from);
    await c.waitFor('You say, "burst 5"', from, 3000);
    // The first ran at once and five waited their turn (they arrived together); the rest were dropped.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(c.since(from)).not.toContain('burst 6');
    const mark = c.mark();
    c.line('say ' + 'x'.repeat(200));
    await c.waitFor('That line was longer than 100 characters and was ignored.', mark);
    expect(c.since(mark)).not.toContain('You say');
    expect(await c.command('look')).toContain('Town Square');
  });

  it('ends the session of a client that never reads its output, without touching the others', async () => {
    const s = await server({ limits: { maxOutputBuffer: 64 * 1024, commandsPerSecond: 100_000, maxQueuedCommands: 10_000, maxInputBytesPerSecond: 1024 * 1024 * 1024 } });
    const reader = await client(s.telnetPort);
    await reader.login('Lena', 'silver-moon-42', true);
    const sluggard = await client(s.telnetPort);
    await sluggard.login('Milo', 'silver-moon-42', true);
    sluggard.socket.pause();
    // Lena talks a lot in the same room (megabytes: the kernel's socket buffers take the first few); Milo's client reads none of it.
    // She talks in rounds of 100 lines and waits to hear the last one of each, so the server never has more than one round
    // of hers still to answer once Milo is gone.
    const speech = `say ${'blah '.repeat(800)}\r\n`;
    for (let round = 0; round < 50 && s.server.stats().playing === 2; round++) {
      const mark = reader.mark();
      reader.write(speech.repeat(99) + `say round-${round} ${'blah '.repeat(800)}\r\n`);
      await reader.waitFor(`round-${round}`, mark, 10_000);
    }
    await waitUntil(() => s.server.stats().playing === 1, 10_000);
    expect(s.log.lines().join('\n')).toMatch(/did not read its output/);
    const mark = reader.mark();
    reader.line('look');
    await reader.waitFor('Town Square', mark);
  });
});

async function waitForVitals(c: Awaited<ReturnType<ReturnType<typeof useServers>['client']>>, from: number, ok: (hp: number) => boolean): Promise<number> {
  let found: number | undefined;
  await waitUntil(() => {
    for (const m of c.gmcp.slice(from)) {
      const hp = (m.data as { hp?: number } | undefined)?.hp;
      if (m.package === 'Char.Vitals' && typeof hp === 'number' && ok(hp)) found = hp;
    }
    return found !== undefined;
  }, 8000);
  return found as number;
}

async function waitUntil(check: () => boolean, ms = 5000): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > ms) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
