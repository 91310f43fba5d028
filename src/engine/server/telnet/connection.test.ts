import { afterEach, describe, expect, it } from 'vitest';
import { DO, DONT, EOR, GA, IAC, Opt, SB, SE, WILL, WONT } from './constants';
import { closeAll, connect, OFFERS, waitUntil } from './loopback.test-kit';

afterEach(closeAll);

describe('TelnetConnection over loopback TCP: negotiation and text', () => {
  it('a fresh connection offers its options, in order, and nothing else', async () => {
    const t = await connect();
    await waitUntil(() => t.received().length >= OFFERS.length, 'offers');
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect([...t.received()]).toEqual(OFFERS);
  });

  it('offers can be switched off', async () => {
    const t = await connect({ offers: { mccp2: false, charset: false, gmcp: false, mssp: false } });
    await waitUntil(() => t.received().length >= 12, 'offers');
    expect([...t.received()]).toEqual([IAC, WILL, Opt.EOR, IAC, WILL, Opt.SGA, IAC, DO, Opt.NAWS, IAC, DO, Opt.TTYPE]);
    // A switched-off option proposed by the client is refused.
    const mark = t.received().length;
    t.write([IAC, DO, Opt.MCCP2]);
    await t.expectNext([IAC, WONT, Opt.MCCP2], mark);
  });

  it('round-trips a line: UTF-8 in, CR LF and UTF-8 out, IAC in data unescaped', async () => {
    const t = await connect();
    t.conn.on('line', ({ text }) => t.conn.send(`You say: ${text}\nOK`));
    const mark = OFFERS.length;
    t.write([...Buffer.from('say héllo 🐉'), IAC, IAC, 13, 10]);
    await t.expectNext([...Buffer.from('You say: say héllo 🐉\ufffd\r\nOK')], mark);
    expect(t.events.find(([n]) => n === 'line')).toEqual(['line', { text: 'say héllo 🐉\ufffd', truncated: false }]);
  });

  it('setEcho: WILL ECHO hides input, WONT ECHO shows it again', async () => {
    const t = await connect();
    await waitUntil(() => t.received().length >= OFFERS.length, 'offers');
    t.conn.setEcho(true);
    await t.expectNext([IAC, WILL, Opt.ECHO], OFFERS.length);
    t.write([IAC, DO, Opt.ECHO]);
    await waitUntil(() => t.conn.enabled('us', Opt.ECHO), 'ECHO agreed');
    const mark = t.received().length;
    t.conn.setEcho(false);
    await t.expectNext([IAC, WONT, Opt.ECHO], mark);
    t.write([IAC, DONT, Opt.ECHO]);
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(t.received().length).toBe(mark + 3);
    expect(t.conn.negotiator.state('us', Opt.ECHO)).toBe('NO');
  });

  it('a client DO ECHO of its own accord is refused', async () => {
    const t = await connect();
    t.write([IAC, DO, Opt.ECHO]);
    await t.expectNext([IAC, WONT, Opt.ECHO], OFFERS.length);
  });

  it('prompt ends with GA, then nothing once SGA is agreed, then EOR once EOR is agreed', async () => {
    const t = await connect();
    await waitUntil(() => t.received().length >= OFFERS.length, 'offers');
    t.conn.prompt('> ');
    await t.expectNext([0x3e, 0x20, IAC, GA], OFFERS.length);

    t.write([IAC, DO, Opt.SGA]);
    await waitUntil(() => t.conn.enabled('us', Opt.SGA), 'SGA');
    let mark = t.received().length;
    t.conn.prompt('hp> ');
    t.conn.send('x');
    await t.expectNext([...Buffer.from('hp> x')], mark);

    t.write([IAC, DO, Opt.EOR]);
    await waitUntil(() => t.conn.enabled('us', Opt.EOR), 'EOR');
    mark = t.received().length;
    t.conn.prompt('> ');
    await t.expectNext([0x3e, 0x20, IAC, EOR], mark);
  });

  it('NAWS and the TTYPE/MTTS cycle set size and colour', async () => {
    const t = await connect();
    await waitUntil(() => t.received().length >= OFFERS.length, 'offers');
    t.write([IAC, WILL, Opt.NAWS, IAC, SB, Opt.NAWS, 0, 120, 0, 40, IAC, SE, IAC, WILL, Opt.TTYPE]);
    const send = [IAC, SB, Opt.TTYPE, 1, IAC, SE];
    await t.expectNext(send, OFFERS.length);
    expect(t.conn.windowSize).toMatchObject({ width: 120, height: 40 });
    expect(t.conn.colorLevel).toBe('none');
    const is = (s: string): number[] => [IAC, SB, Opt.TTYPE, 0, ...Buffer.from(s), IAC, SE];
    t.write(is('MUDLET'));
    await waitUntil(() => t.events.filter(([n]) => n === 'ttype').length === 1, 'ttype 1');
    t.write(is('ANSI-TRUECOLOR'));
    await waitUntil(() => t.events.filter(([n]) => n === 'ttype').length === 2, 'ttype 2');
    t.write(is('MTTS 269'));
    await waitUntil(() => t.events.some(([n, v]) => n === 'ttype' && (v as { done: boolean }).done), 'ttype done');
    expect(t.conn.terminal).toMatchObject({ clientName: 'MUDLET', terminalType: 'ANSI-TRUECOLOR', mtts: 269 });
    expect(t.conn.colorLevel).toBe('truecolor');
    const mark = t.received().length;
    t.conn.send('{red}hot{reset}');
    await t.expectNext([...Buffer.from('\x1b[31mhot\x1b[0m')], mark);
  });

  it('strips colour for a client that did not say it supports it', async () => {
    const t = await connect();
    t.conn.send('{bold}plain\x1b[31m text\x1b[0m');
    await t.expectNext([...Buffer.from('plain text')], OFFERS.length);
  });

  it('a peer that disconnects closes the connection with reason peer', async () => {
    const t = await connect();
    t.client.end();
    await waitUntil(() => !t.conn.isOpen, 'close');
    expect(t.events).toContainEqual(['close', { reason: 'peer' }]);
  });

  it('whenNegotiated resolves when the client has answered, or on timeout for a silent client', async () => {
    const t = await connect();
    const started = Date.now();
    const ready = t.conn.whenNegotiated(5000);
    t.write([IAC, WONT, Opt.NAWS, IAC, DONT, Opt.CHARSET, IAC, WILL, Opt.TTYPE]);
    await t.expectNext([IAC, SB, Opt.TTYPE, 1, IAC, SE], OFFERS.length);
    t.write([IAC, SB, Opt.TTYPE, 0, ...Buffer.from('XTERM'), IAC, SE, IAC, SB, Opt.TTYPE, 0, ...Buffer.from('XTERM'), IAC, SE]);
    await ready;
    // Resolved by the answers, long before its 5 s timeout.
    expect(Date.now() - started).toBeLessThan(4000);
    expect(t.conn.colorLevel).toBe('ansi16');

    const silent = await connect();
    const t0 = Date.now();
    await silent.conn.whenNegotiated(100);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(90);
  });
});
