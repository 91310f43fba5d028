import { describe, expect, it } from 'vitest';
import { IAC, SB, SE, escapeIac, subnegotiation } from './constants';
import { decodeGmcp } from './gmcp';
import { LineAssembler } from './lines';
import { parseCharset } from './charset';
import { decodeNaws } from './naws';
import { TelnetParser } from './parser';
import { TtypeCycle } from './mtts';
import { parseChunks } from './test-helpers';

/** A small deterministic PRNG (xorshift32), so a failure can be replayed. */
function prng(seed: number): (n: number) => number {
  let s = seed >>> 0 || 1;
  return (n) => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) % n;
  };
}

/** Random bytes biased towards the interesting ones: IAC, SB, SE, verbs, CR, LF, NUL, UTF-8 lead bytes. */
function randomBuffer(rand: (n: number) => number): Uint8Array {
  const special = [IAC, IAC, IAC, SB, SE, 251, 252, 253, 254, 249, 239, 13, 10, 0, 0xc3, 0xe2, 0xf0, 0x80, 0xbf, 24, 31, 201];
  const out = new Uint8Array(rand(300));
  for (let i = 0; i < out.length; i++) out[i] = rand(3) === 0 ? special[rand(special.length)]! : rand(256);
  return out;
}

describe('fuzz: parser + line assembler', () => {
  it('never throws, keeps buffers bounded, and is independent of how input is split', () => {
    const rand = prng(20240611);
    const parser = new TelnetParser({ maxSubnegotiation: 256 });
    const lines = new LineAssembler({ maxLineLength: 200, maxBufferedBytes: 1000 });
    const ttype = new TtypeCycle();
    ttype.start();
    for (let round = 0; round < 4000; round++) {
      const buf = randomBuffer(rand);
      for (const e of parser.feed(buf)) {
        if (e.type === 'data') lines.push(e.data);
        if (e.type === 'subnegotiation') {
          // The sub-protocol decoders must swallow anything too.
          decodeGmcp(e.payload);
          decodeNaws(e.payload);
          parseCharset(e.payload);
          ttype.receive(e.payload);
        }
      }
      expect(parser.bufferedBytes).toBeLessThanOrEqual(256);
      expect(lines.pendingLength).toBeLessThanOrEqual(200);

      if (round % 8 === 0) {
        // Same events whole and cut at random points.
        const cuts: Uint8Array[] = [];
        let at = 0;
        while (at < buf.length) {
          const n = 1 + rand(8);
          cuts.push(buf.subarray(at, at + n));
          at += n;
        }
        expect(parseChunks(cuts, { maxSubnegotiation: 64 })).toEqual(parseChunks([buf], { maxSubnegotiation: 64 }));
      }
    }
  });

  it('escaping then parsing gives back any data and any subnegotiation payload', () => {
    const rand = prng(99);
    for (let round = 0; round < 500; round++) {
      const data = Uint8Array.from({ length: rand(100) }, () => (rand(4) === 0 ? IAC : rand(256)));
      const payload = Uint8Array.from({ length: rand(50) }, () => (rand(4) === 0 ? IAC : rand(256)));
      const wire = Buffer.concat([escapeIac(data), subnegotiation(201, payload)]);
      const expected = [
        ...(data.length > 0 ? [{ type: 'data', bytes: [...data] }] : []),
        { type: 'subnegotiation', option: 201, payload: [...payload] },
      ];
      expect(parseChunks([wire])).toEqual(expected);
    }
  });
});
