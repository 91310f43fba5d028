import { describe, expect, it } from 'vitest';
import { IAC, Opt, SB, SE } from './constants';
import { TTYPE_IS, TtypeCycle, capabilitiesFromMtts, parseTtypeIs, ttypeSend } from './mtts';

const is = (name: string): Buffer => Buffer.concat([Uint8Array.of(TTYPE_IS), Buffer.from(name, 'latin1')]);
const SEND = [IAC, SB, Opt.TTYPE, 1, IAC, SE];

describe('TTYPE / MTTS', () => {
  it('SEND is IAC SB TTYPE 1 IAC SE', () => {
    expect([...ttypeSend()]).toEqual(SEND);
  });

  it('runs the full MTTS cycle: client, terminal, bit vector', () => {
    const cycle = new TtypeCycle();
    expect([...cycle.start()!]).toEqual(SEND);
    expect(cycle.start()).toBeNull();

    const first = cycle.receive(is('Mudlet 4.17.2'))!;
    expect(first.done).toBe(false);
    expect([...first.send!]).toEqual(SEND);
    expect(first.info.clientName).toBe('MUDLET');
    expect(first.info.clientVersion).toBe('4.17.2');

    const second = cycle.receive(is('XTERM-256COLOR'))!;
    expect(second.done).toBe(false);
    expect(second.info.terminalType).toBe('XTERM-256COLOR');
    expect(second.info.capabilities.color256).toBe(true);

    // 1 ANSI + 4 UTF-8 + 8 256 + 256 TRUECOLOR + 2048 SSL
    const third = cycle.receive(is('MTTS 2317'))!;
    expect(third.done).toBe(true);
    expect(third.send).toBeUndefined();
    expect(third.info).toMatchObject({ clientName: 'MUDLET', terminalType: 'XTERM-256COLOR', mtts: 2317, replies: ['MUDLET 4.17.2', 'XTERM-256COLOR', 'MTTS 2317'] });
    expect(third.info.capabilities).toEqual({
      ansi: true, vt100: false, utf8: true, color256: true, truecolor: true, mouseTracking: false,
      oscColorPalette: false, screenReader: false, proxy: false, mnes: false, mslp: false, ssl: true,
    });
    expect(cycle.done).toBe(true);
    expect(cycle.receive(is('MTTS 1'))).toBeNull();
  });

  it('the MTTS vector overrides what the names suggested (a screen reader without colour)', () => {
    const cycle = new TtypeCycle();
    cycle.start();
    cycle.receive(is('SOMECLIENT'));
    cycle.receive(is('ANSI-256COLOR'));
    const last = cycle.receive(is('MTTS 68'))!;
    expect(last.info.capabilities).toMatchObject({ ansi: false, color256: false, utf8: true, screenReader: true });
  });

  it('stops when an answer repeats (a client without MTTS)', () => {
    const cycle = new TtypeCycle();
    cycle.start();
    expect(cycle.receive(is('xterm'))!.done).toBe(false);
    const second = cycle.receive(is('XTERM'))!;
    expect(second.done).toBe(true);
    expect(second.info.terminalType).toBe('XTERM');
    expect(second.info.capabilities.ansi).toBe(true);
    expect(second.info.mtts).toBeUndefined();
  });

  it('sends at most three times', () => {
    const cycle = new TtypeCycle();
    cycle.start();
    expect(cycle.receive(is('A'))!.done).toBe(false);
    expect(cycle.receive(is('B'))!.done).toBe(false);
    expect(cycle.receive(is('C'))!.done).toBe(true);
  });

  it('ignores unsolicited and malformed answers', () => {
    const cycle = new TtypeCycle();
    expect(cycle.receive(is('XTERM'))).toBeNull();
    cycle.start();
    expect(cycle.receive(Uint8Array.of(1, 65))).toBeNull();
    expect(cycle.receive(new Uint8Array(0))).toBeNull();
    expect(parseTtypeIs(Buffer.concat([Uint8Array.of(0), Buffer.alloc(500, 0x41)]))).toHaveLength(64);
  });

  it('decodes every MTTS bit', () => {
    expect(capabilitiesFromMtts(4095)).toEqual({
      ansi: true, vt100: true, utf8: true, color256: true, truecolor: true, mouseTracking: true,
      oscColorPalette: true, screenReader: true, proxy: true, mnes: true, mslp: true, ssl: true,
    });
    expect(Object.values(capabilitiesFromMtts(0)).some(Boolean)).toBe(false);
  });
});
