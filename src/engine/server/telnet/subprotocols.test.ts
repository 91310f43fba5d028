import { describe, expect, it } from 'vitest';
import { answerCharset, charsetRequest, parseCharset } from './charset';
import { IAC, Opt, SB, SE } from './constants';
import { decodeGmcp, encodeGmcp, GmcpSupports } from './gmcp';
import { encodeMssp, encodeMsspText, isMsspRequest } from './mssp';
import { decodeNaws } from './naws';
import { TelnetParser } from './parser';

describe('NAWS', () => {
  it('decodes width and height, including a 255 byte that arrived escaped', () => {
    const [event] = new TelnetParser().feed(Uint8Array.of(IAC, SB, Opt.NAWS, 0, IAC, IAC, 0, 40, IAC, SE));
    expect(event?.type).toBe('subnegotiation');
    const size = decodeNaws(event!.type === 'subnegotiation' ? event!.payload : Buffer.alloc(0));
    expect(size).toEqual({ width: 255, height: 40, rawWidth: 255, rawHeight: 40 });
  });

  it('clamps to sane bounds and treats 0 as unknown', () => {
    expect(decodeNaws(Uint8Array.of(0, 0, 0, 0))).toMatchObject({ width: 80, height: 24 });
    expect(decodeNaws(Uint8Array.of(0xff, 0xff, 0xff, 0xff))).toMatchObject({ width: 500, height: 200, rawWidth: 65535 });
    expect(decodeNaws(Uint8Array.of(0, 3, 0, 1))).toMatchObject({ width: 20, height: 5 });
    expect(decodeNaws(Uint8Array.of(0, 100, 0, 50), { maxWidth: 90 })).toMatchObject({ width: 90, height: 50 });
  });

  it('rejects payloads that are not four bytes', () => {
    expect(decodeNaws(Uint8Array.of(0, 80, 0))).toBeNull();
    expect(decodeNaws(Uint8Array.of(0, 80, 0, 24, 0))).toBeNull();
  });
});

describe('GMCP', () => {
  it('encodes package and JSON in one subnegotiation', () => {
    const bytes = encodeGmcp('Char.Vitals', { hp: 10, name: 'Zoë' })!;
    const body = Buffer.from('Char.Vitals {"hp":10,"name":"Zoë"}', 'utf8');
    expect([...bytes]).toEqual([IAC, SB, Opt.GMCP, ...body, IAC, SE]);
    expect([...encodeGmcp('Core.Ping')!]).toEqual([IAC, SB, Opt.GMCP, ...Buffer.from('Core.Ping'), IAC, SE]);
  });

  it('refuses what cannot be encoded instead of throwing', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic['self'] = cyclic;
    expect(encodeGmcp('Char.X', cyclic)).toBeNull();
    expect(encodeGmcp('Char.X', 10n)).toBeNull();
    expect(encodeGmcp('bad name', 1)).toBeNull();
    expect(encodeGmcp('', 1)).toBeNull();
  });

  it('round-trips through the parser', () => {
    const [event] = new TelnetParser().feed(encodeGmcp('Room.Info', { num: 1, exits: { n: 2 } })!);
    expect(event?.type === 'subnegotiation' && decodeGmcp(event.payload)).toEqual({ package: 'Room.Info', data: { num: 1, exits: { n: 2 } } });
  });

  it('decodes, and returns null for malformed payloads', () => {
    expect(decodeGmcp(Buffer.from('Core.Hello {"client":"Mudlet","version":"4.17"}'))).toEqual({ package: 'Core.Hello', data: { client: 'Mudlet', version: '4.17' } });
    expect(decodeGmcp(Buffer.from('Core.KeepAlive'))).toEqual({ package: 'Core.KeepAlive', data: undefined });
    expect(decodeGmcp(Buffer.from('Core.Supports.Set ["Char 1"]  '))).toEqual({ package: 'Core.Supports.Set', data: ['Char 1'] });
    expect(decodeGmcp(Buffer.from('Core.Hello {"client":'))).toBeNull();
    expect(decodeGmcp(Buffer.from('Core.Hello {bad}'))).toBeNull();
    expect(decodeGmcp(Buffer.from(''))).toBeNull();
    expect(decodeGmcp(Buffer.from('!!! 1'))).toBeNull();
    expect(decodeGmcp(Uint8Array.of(0xff, 0xfe, 0x20, 0x31))).toBeNull();
  });

  it('tracks Core.Hello and Core.Supports.Set/Add/Remove', () => {
    const s = new GmcpSupports();
    s.handle({ package: 'Core.Hello', data: { client: 'Mudlet', version: '4.17' } });
    expect(s.hello).toEqual({ client: 'Mudlet', version: '4.17' });
    s.handle({ package: 'Core.Supports.Set', data: ['Char 1', 'Room.Info 2', 42, 'bad name!'] });
    expect(s.supports('Char.Vitals')).toBe(true);
    expect(s.supports('Room.Info')).toBe(true);
    expect(s.supports('Room.Players')).toBe(false);
    expect(s.version('room.info')).toBe(2);
    s.handle({ package: 'core.supports.add', data: ['Room 1'] });
    expect(s.supports('Room.Players')).toBe(true);
    s.handle({ package: 'Core.Supports.Remove', data: ['Char'] });
    expect(s.supports('Char.Vitals')).toBe(false);
    s.handle({ package: 'Core.Supports.Set', data: ['Comm 1'] });
    expect(s.list()).toEqual([['comm', 1]]);
    expect(s.handle({ package: 'Core.Supports.Set', data: 'nonsense' })).toBe(true);
    expect(s.list()).toEqual([]);
    expect(s.handle({ package: 'Char.Login', data: {} })).toBe(false);
  });
});

describe('MSSP', () => {
  const vars = { NAME: 'MAID', PLAYERS: 3, UPTIME: 1700000000, ANSI: true, PORT: [4000, 4001] };

  it('encodes telnet MSSP: VAR name VAL value, repeated VAL for arrays', () => {
    const b = (s: string): number[] => [...Buffer.from(s)];
    expect([...encodeMssp(vars)]).toEqual([
      IAC, SB, Opt.MSSP,
      1, ...b('NAME'), 2, ...b('MAID'),
      1, ...b('PLAYERS'), 2, ...b('3'),
      1, ...b('UPTIME'), 2, ...b('1700000000'),
      1, ...b('ANSI'), 2, ...b('1'),
      1, ...b('PORT'), 2, ...b('4000'), 2, ...b('4001'),
      IAC, SE,
    ]);
  });

  it('removes framing bytes from names and values', () => {
    expect([...encodeMssp({ 'A\u0001B': 'x\u0002y\u0000' })]).toEqual([IAC, SB, Opt.MSSP, 1, 65, 66, 2, 120, 121, IAC, SE]);
  });

  it('encodes the plain-text reply', () => {
    expect(encodeMsspText(vars)).toBe(
      '\r\nMSSP-REPLY-START\r\nNAME\tMAID\r\nPLAYERS\t3\r\nUPTIME\t1700000000\r\nANSI\t1\r\nPORT\t4000\t4001\r\nMSSP-REPLY-END\r\n',
    );
    expect(encodeMsspText({ DESC: 'two\r\nlines\tand tab' })).toContain('DESC\ttwo  lines and tab\r\n');
  });

  it('recognises the request line', () => {
    expect(isMsspRequest('MSSP-REQUEST')).toBe(true);
    expect(isMsspRequest('  MSSP-REQUEST ')).toBe(true);
    expect(isMsspRequest('mssp-request please')).toBe(false);
  });
});

describe('CHARSET', () => {
  it('requests UTF-8', () => {
    expect([...charsetRequest()]).toEqual([IAC, SB, Opt.CHARSET, 1, ...Buffer.from(';UTF-8'), IAC, SE]);
  });

  it('parses ACCEPTED, REJECTED, a client REQUEST and TTABLE messages', () => {
    expect(parseCharset(Buffer.from('\u0002UTF-8', 'latin1'))).toEqual({ type: 'accepted', charset: 'UTF-8' });
    expect(parseCharset(Uint8Array.of(3))).toEqual({ type: 'rejected' });
    expect(parseCharset(Buffer.from('\u0001 ISO-8859-1 UTF-8', 'latin1'))).toEqual({ type: 'request', charsets: ['ISO-8859-1', 'UTF-8'] });
    expect(parseCharset(Buffer.from('\u0001[TTABLE]\u0001;utf8', 'latin1'))).toEqual({ type: 'request', charsets: ['utf8'] });
    expect(parseCharset(Uint8Array.of(4, 1))).toEqual({ type: 'ttable' });
    expect(parseCharset(Uint8Array.of(2))).toBeNull();
    expect(parseCharset(Uint8Array.of(9))).toBeNull();
    expect(parseCharset(new Uint8Array(0))).toBeNull();
  });

  it('answers a client request: ACCEPTED if it offers UTF-8, else REJECTED', () => {
    const yes = answerCharset({ type: 'request', charsets: ['ISO-8859-1', 'utf-8'] }, Uint8Array.of(1));
    expect(yes.outcome).toBe('utf-8');
    expect([...yes.reply!]).toEqual([IAC, SB, Opt.CHARSET, 2, ...Buffer.from('utf-8'), IAC, SE]);
    const no = answerCharset({ type: 'request', charsets: ['KOI8-R'] }, Uint8Array.of(1));
    expect(no.outcome).toBeUndefined();
    expect([...no.reply!]).toEqual([IAC, SB, Opt.CHARSET, 3, IAC, SE]);
    expect(answerCharset({ type: 'rejected' }, Uint8Array.of(3))).toEqual({ outcome: null });
  });
});
