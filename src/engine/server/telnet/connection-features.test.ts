import { Duplex } from 'node:stream';
import zlib from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { DO, DONT, GA, IAC, Opt, SB, SE, WONT } from './constants';
import { TelnetConnection } from './connection';
import { encodeGmcp } from './gmcp';
import { closeAll, connect, OFFERS, waitUntil } from './loopback.test-kit';

afterEach(closeAll);

describe('TelnetConnection over loopback TCP: GMCP, MSSP, CHARSET, MCCP2, limits', () => {
  it('GMCP: only after DO GMCP, and Char.*/Room.* only once listed in Core.Supports', async () => {
    const t = await connect();
    expect(t.conn.sendGmcp('Core.Ping')).toBe(false);
    t.write([IAC, DO, Opt.GMCP]);
    await waitUntil(() => t.conn.enabled('us', Opt.GMCP), 'GMCP');
    expect(t.conn.sendGmcp('Char.Vitals', { hp: 1 })).toBe(false);
    expect(t.conn.sendGmcp('Comm.Channel.Text', { text: 'hi' })).toBe(true);
    t.write([...encodeGmcp('Core.Hello', { client: 'Mudlet', version: '4' })!, ...encodeGmcp('Core.Supports.Set', ['Char 1'])!]);
    t.write([IAC, SB, Opt.GMCP, ...Buffer.from('Core.Broken {oops'), IAC, SE]);
    await waitUntil(() => t.conn.gmcpSupports.supports('Char.Vitals'), 'Core.Supports');
    await waitUntil(() => t.events.some(([n]) => n === 'protocolError'), 'malformed GMCP reported');
    expect(t.conn.gmcpSupports.hello).toEqual({ client: 'Mudlet', version: '4' });
    expect(t.conn.sendGmcp('Room.Info', {})).toBe(false);
    const mark = t.received().length;
    expect(t.conn.sendGmcp('Char.Vitals', { hp: 255 })).toBe(true);
    await t.expectNext([...encodeGmcp('Char.Vitals', { hp: 255 })!], mark);
    expect(t.events.filter(([n]) => n === 'gmcp').map(([, v]) => (v as { package: string }).package)).toEqual(['Core.Hello', 'Core.Supports.Set']);
  });

  it('MSSP: variables sent on DO MSSP; sendMssp only when agreed', async () => {
    const t = await connect({ mssp: () => ({ NAME: 'MAID', PLAYERS: 2 }) });
    expect(t.conn.sendMssp({ NAME: 'x' })).toBe(false);
    t.write([IAC, DO, Opt.MSSP]);
    await t.expectNext([IAC, SB, Opt.MSSP, 1, ...Buffer.from('NAME'), 2, ...Buffer.from('MAID'), 1, ...Buffer.from('PLAYERS'), 2, 0x32, IAC, SE], OFFERS.length);
    expect(t.conn.sendMssp({ NAME: 'x' })).toBe(true);
  });

  it('MSSP: a plain MSSP-REQUEST first line gets the text reply and the connection closes', async () => {
    const t = await connect({ mssp: () => ({ NAME: 'MAID' }) });
    t.write('MSSP-REQUEST\r\n');
    await waitUntil(() => t.clientClosed(), 'close');
    expect(t.received().toString('latin1')).toContain('\r\nMSSP-REPLY-START\r\nNAME\tMAID\r\nMSSP-REPLY-END\r\n');
    expect(t.events.some(([n]) => n === 'line')).toBe(false);
    expect(t.events).toContainEqual(['close', { reason: 'mssp-request' }]);
  });

  it('CHARSET: on DO CHARSET we request UTF-8 and report the answer', async () => {
    const t = await connect();
    t.write([IAC, DO, Opt.CHARSET]);
    await t.expectNext([IAC, SB, Opt.CHARSET, 1, ...Buffer.from(';UTF-8'), IAC, SE], OFFERS.length);
    t.write([IAC, SB, Opt.CHARSET, 2, ...Buffer.from('UTF-8'), IAC, SE]);
    await waitUntil(() => t.conn.charsetUtf8, 'charset');
    expect(t.events).toContainEqual(['charset', { charset: 'UTF-8' }]);
  });

  it('MCCP2: after DO MCCP2 the marker, then output that inflates to the text; close ends the stream', async () => {
    const t = await connect();
    t.write([IAC, DO, Opt.MCCP2]);
    const marker = Buffer.from([IAC, SB, Opt.MCCP2, IAC, SE]);
    await waitUntil(() => t.received().includes(marker), 'marker');
    await waitUntil(() => t.conn.compressing, 'compressing');
    t.conn.send('Hello, compressed world.\n');
    t.conn.prompt('> ');
    const after = (): Buffer => t.received().subarray(t.received().indexOf(marker) + marker.length);
    const expected = Buffer.from([...Buffer.from('Hello, compressed world.\r\n> '), IAC, GA]);
    await waitUntil(() => {
      try {
        return zlib.inflateSync(after(), { finishFlush: zlib.constants.Z_SYNC_FLUSH }).equals(expected);
      } catch {
        return false;
      }
    }, 'inflated text');
    t.conn.close('bye');
    await waitUntil(() => t.clientClosed(), 'close');
    expect(zlib.inflateSync(after()).equals(expected)).toBe(true);
  });

  it('reports limits: an overlong line, an oversized subnegotiation', async () => {
    const t = await connect({ maxLineLength: 8, maxSubnegotiation: 16 });
    t.write([IAC, DO, Opt.GMCP, ...Buffer.from('0123456789abc\r\n'), IAC, SB, Opt.GMCP, ...Buffer.alloc(100, 0x41), IAC, SE, ...Buffer.from('ok\n')]);
    await waitUntil(() => t.events.filter(([n]) => n === 'line').length === 2, 'lines');
    expect(t.events.filter(([n]) => n === 'line' || n === 'limit')).toEqual([
      ['limit', { limit: 'overlong', max: 8 }],
      ['line', { text: '01234567', truncated: true }],
      ['limit', { limit: 'subnegotiation', max: 16, option: Opt.GMCP }],
      ['line', { text: 'ok', truncated: false }],
    ]);
  });

  it('survives garbage and a throwing listener, and close() is idempotent', async () => {
    const errors: unknown[] = [];
    const t = await connect({ onError: (err) => errors.push(err) });
    t.conn.on('line', () => {
      throw new Error('listener bug');
    });
    let seed = 1;
    const junk = Buffer.alloc(20000);
    for (let i = 0; i < junk.length; i++) junk[i] = (seed = (seed * 48271) % 2147483647) & 0xff;
    t.write([...junk, 10, ...Buffer.from('after\n')]);
    await waitUntil(() => t.conn.linesIn > 0 && t.conn.bytesIn >= junk.length, 'junk processed');
    expect(t.conn.isOpen).toBe(true);
    expect(errors.length).toBeGreaterThan(0);
    t.conn.close();
    t.conn.close('again');
    await waitUntil(() => t.clientClosed(), 'close');
    expect(t.events.filter(([n]) => n === 'close')).toEqual([['close', { reason: 'server' }]]);
    expect(t.conn.send('late')).toBe(false);
  });

  it('MCCP2: DONT MCCP2 finishes the stream and later output is plain again', async () => {
    const t = await connect();
    t.write([IAC, DO, Opt.MCCP2]);
    await waitUntil(() => t.conn.compressing, 'compressing');
    t.conn.send('zipped\n');
    t.write([IAC, DONT, Opt.MCCP2]);
    await waitUntil(() => !t.conn.compressing && t.conn.negotiator.state('us', Opt.MCCP2) === 'NO', 'stopped');
    t.conn.send('plain');
    await waitUntil(() => t.received().toString('latin1').endsWith('plain'), 'plain text');
    const marker = Buffer.from([IAC, SB, Opt.MCCP2, IAC, SE]);
    const all = t.received();
    const stream = all.subarray(all.indexOf(marker) + marker.length, all.length - 'plain'.length);
    // WONT MCCP2 acknowledges in the compressed stream; the stream then ends.
    expect(zlib.inflateSync(stream).toString('latin1')).toBe(`zipped\r\n${String.fromCharCode(IAC, WONT, Opt.MCCP2)}`);
  });
});

describe('TelnetConnection over any Duplex', () => {
  it('drops a client that does not read once too much output is waiting', async () => {
    // A peer that never reads: the first write never completes, the rest queue up.
    const stream = new Duplex({ read() {}, write() {} });
    const conn = new TelnetConnection(stream, { maxOutputBuffer: 4096, offers: { mccp2: false } });
    const events: unknown[] = [];
    conn.on('limit', (e) => events.push(e));
    conn.on('close', (e) => events.push(e));
    for (let i = 0; i < 100 && conn.isOpen; i++) conn.send('x'.repeat(500));
    expect(events).toEqual([{ limit: 'output', max: 4096 }, { reason: 'output-overflow' }]);
    expect(stream.destroyed).toBe(true);
    expect(conn.send('more')).toBe(false);
  });

  it("answers a chunk's negotiations in one write, not one each", async () => {
    const writes: Buffer[][] = [];
    const stream = new Duplex({
      read() {},
      write(chunk: Buffer, _encoding, done) {
        writes.push([chunk]);
        done();
      },
      writev(chunks, done) {
        writes.push(chunks.map((c) => c.chunk as Buffer));
        done();
      },
    });
    const conn = new TelnetConnection(stream, { offers: { mccp2: false }, maxNegotiationsPerSecond: 50 });
    writes.length = 0; // the offers
    const options = Array.from({ length: 10 }, (_, i) => 100 + i);
    stream.push(Buffer.from(options.flatMap((o) => [IAC, DO, o])));
    await waitUntil(() => writes.length > 0, 'the answers');
    await new Promise((resolve) => setImmediate(resolve));
    expect(writes).toHaveLength(1);
    expect(Buffer.concat(writes[0]!)).toEqual(Buffer.from(options.flatMap((o) => [IAC, WONT, o])));
    conn.close('test-end');
  });
});
