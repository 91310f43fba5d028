import { describe, expect, it } from 'vitest';
import { AYT, DO, DONT, GA, IAC, NOP, Opt, SB, SE, WILL, WONT, EOR } from './constants';
import { TelnetParser } from './parser';
import { bytesOf, parseChunks, splits, type Plain } from './test-helpers';

interface Vector {
  name: string;
  input: number[];
  expected: Plain[];
  max?: number;
}

const vectors: Vector[] = [
  { name: 'plain data', input: bytesOf('look\r\n'), expected: [{ type: 'data', bytes: bytesOf('look\r\n') }] },
  {
    name: 'IAC IAC in data is one 255 byte',
    input: [0x61, IAC, IAC, 0x62, IAC, IAC, IAC, IAC],
    expected: [{ type: 'data', bytes: [0x61, 255, 0x62, 255, 255] }],
  },
  {
    name: 'negotiations between data',
    input: [...bytesOf('hi'), IAC, WILL, Opt.NAWS, IAC, DO, Opt.GMCP, ...bytesOf('yo'), IAC, WONT, Opt.TTYPE, IAC, DONT, Opt.ECHO],
    expected: [
      { type: 'data', bytes: bytesOf('hi') },
      { type: 'negotiation', verb: WILL, option: Opt.NAWS },
      { type: 'negotiation', verb: DO, option: Opt.GMCP },
      { type: 'data', bytes: bytesOf('yo') },
      { type: 'negotiation', verb: WONT, option: Opt.TTYPE },
      { type: 'negotiation', verb: DONT, option: Opt.ECHO },
    ],
  },
  {
    name: 'commands',
    input: [IAC, GA, IAC, NOP, IAC, AYT, IAC, EOR, 0x7a],
    expected: [
      { type: 'command', command: GA },
      { type: 'command', command: NOP },
      { type: 'command', command: AYT },
      { type: 'command', command: EOR },
      { type: 'data', bytes: [0x7a] },
    ],
  },
  {
    name: 'NAWS with an escaped 255 (width 255, height 511)',
    input: [IAC, SB, Opt.NAWS, 0, IAC, IAC, 1, IAC, IAC, IAC, SE],
    expected: [{ type: 'subnegotiation', option: Opt.NAWS, payload: [0, 255, 1, 255] }],
  },
  {
    name: 'GMCP subnegotiation then data',
    input: [IAC, SB, Opt.GMCP, ...bytesOf('Core.Hello {}'), IAC, SE, ...bytesOf('x')],
    expected: [
      { type: 'subnegotiation', option: Opt.GMCP, payload: bytesOf('Core.Hello {}') },
      { type: 'data', bytes: bytesOf('x') },
    ],
  },
  { name: 'empty subnegotiation', input: [IAC, SB, Opt.MCCP2, IAC, SE], expected: [{ type: 'subnegotiation', option: Opt.MCCP2, payload: [] }] },
  { name: 'IAC SE without SB is ignored', input: [0x61, IAC, SE, 0x62], expected: [{ type: 'data', bytes: [0x61, 0x62] }] },
  { name: 'IAC + unknown byte is ignored', input: [0x61, IAC, 0x05, 0x62, IAC, 200, 0x63], expected: [{ type: 'data', bytes: [0x61, 0x62, 0x63] }] },
  {
    name: 'a command inside SB aborts it and is itself read',
    input: [IAC, SB, Opt.TTYPE, 0, 0x41, IAC, WILL, Opt.NAWS, 0x62],
    expected: [
      { type: 'error', error: 'subnegotiation-aborted', option: Opt.TTYPE },
      { type: 'negotiation', verb: WILL, option: Opt.NAWS },
      { type: 'data', bytes: [0x62] },
    ],
  },
  {
    name: 'oversized SB dropped and reported once, recovery after IAC SE',
    max: 4,
    input: [IAC, SB, Opt.GMCP, 1, 2, 3, 4, 5, 6, IAC, IAC, 7, 8, IAC, SE, ...bytesOf('ok'), IAC, SB, Opt.GMCP, 9, IAC, SE],
    expected: [
      { type: 'error', error: 'subnegotiation-overflow', option: Opt.GMCP },
      { type: 'data', bytes: bytesOf('ok') },
      { type: 'subnegotiation', option: Opt.GMCP, payload: [9] },
    ],
  },
  {
    name: 'SB payload of exactly the limit is kept',
    max: 3,
    input: [IAC, SB, Opt.GMCP, 1, IAC, IAC, 3, IAC, SE],
    expected: [{ type: 'subnegotiation', option: Opt.GMCP, payload: [1, 255, 3] }],
  },
];

describe('TelnetParser golden vectors', () => {
  for (const v of vectors) {
    it(v.name, () => {
      const options = v.max === undefined ? {} : { maxSubnegotiation: v.max };
      expect(parseChunks([Uint8Array.from(v.input)], options)).toEqual(v.expected);
    });

    it(`${v.name}: same result at every split point and byte by byte`, () => {
      const options = v.max === undefined ? {} : { maxSubnegotiation: v.max };
      for (const chunks of splits(v.input)) expect(parseChunks(chunks, options)).toEqual(v.expected);
    });
  }
});

describe('TelnetParser bounds', () => {
  it('an endless subnegotiation never buffers more than the limit', () => {
    const parser = new TelnetParser({ maxSubnegotiation: 1000 });
    const errors: string[] = [];
    for (const e of parser.feed(Uint8Array.of(IAC, SB, Opt.GMCP))) if (e.type === 'error') errors.push(e.error);
    const junk = Buffer.alloc(4096, 0x41);
    for (let i = 0; i < 500; i++) {
      for (const e of parser.feed(junk)) {
        if (e.type === 'error') errors.push(e.error);
        else throw new Error(`unexpected ${e.type}`);
      }
      expect(parser.bufferedBytes).toBeLessThanOrEqual(1000);
    }
    expect(errors).toEqual(['subnegotiation-overflow']);
    expect(parser.inSubnegotiation).toBe(true);
    const after = parser.feed(Uint8Array.of(IAC, SE, 0x68, 0x69));
    expect(after.map((e) => e.type)).toEqual(['data']);
    expect(parser.inSubnegotiation).toBe(false);
  });

  it('data events can be views into the chunk without copying', () => {
    const chunk = Buffer.from('hello');
    const [event] = new TelnetParser().feed(chunk);
    expect(event?.type === 'data' && event.data.buffer === chunk.buffer).toBe(true);
  });
});
