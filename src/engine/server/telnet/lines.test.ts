import { describe, expect, it } from 'vitest';
import { LineAssembler, type LineEvent, type LineAssemblerOptions } from './lines';
import { splits } from './test-helpers';

function run(chunks: Uint8Array[], options?: LineAssemblerOptions): LineEvent[] {
  const a = new LineAssembler(options);
  return chunks.flatMap((c) => a.push(c));
}

const lines = (...texts: string[]): LineEvent[] => texts.map((text) => ({ type: 'line', text, truncated: false }));

describe('LineAssembler line ends', () => {
  const cases: Array<[string, number[], LineEvent[]]> = [
    ['CR LF', [0x61, 13, 10, 0x62, 13, 10], lines('a', 'b')],
    ['CR NUL', [0x61, 13, 0, 0x62, 13, 0], lines('a', 'b')],
    ['bare LF', [0x61, 10, 0x62, 10], lines('a', 'b')],
    ['bare CR', [0x61, 13, 0x62, 13], lines('a', 'b')],
    ['CR LF is one line end, CR CR LF two', [13, 10, 13, 13, 10], lines('', '', '')],
    ['LF LF is two empty lines', [10, 10], lines('', '')],
    ['mixed', [0x61, 13, 10, 0x62, 10, 0x63, 13, 0x64, 13, 0, 0x65, 13, 10], lines('a', 'b', 'c', 'd', 'e')],
    ['NUL alone is dropped', [0x61, 0, 0x62, 10], lines('ab')],
    ['no line end, no line', [0x61, 0x62], []],
  ];
  for (const [name, input, expected] of cases) {
    it(`${name}, at every split point`, () => {
      expect(run([Uint8Array.from(input)])).toEqual(expected);
      for (const chunks of splits(input)) expect(run(chunks)).toEqual(expected);
    });
  }

  it('end() delivers an unterminated line', () => {
    const a = new LineAssembler();
    a.push(Buffer.from('quit'));
    expect(a.end()).toEqual(lines('quit'));
    expect(a.end()).toEqual([]);
  });
});

describe('LineAssembler UTF-8', () => {
  it('reassembles characters split across chunks at every byte', () => {
    const text = 'héllo wörld ✓ 🐉 ok';
    const input = [...Buffer.from(text + '\r\n')];
    for (const chunks of splits(input)) expect(run(chunks)).toEqual(lines(text));
  });

  it('turns invalid sequences into U+FFFD without throwing', () => {
    const input = Uint8Array.from([0x61, 0xff, 0x62, 0xc3, 0x28, 0xe2, 0x82, 13, 10, 0xf0, 0x9f, 10]);
    expect(run([input])).toEqual(lines('a\ufffdb\ufffd(\ufffd', '\ufffd'));
  });

  it('a truncated character at a line end does not leak into the next line', () => {
    expect(run([Uint8Array.from([0xe2, 0x82, 10, 0x41, 10])])).toEqual(lines('\ufffd', 'A'));
  });
});

describe('LineAssembler control characters', () => {
  it('strips ESC and other controls but keeps TAB', () => {
    expect(run([Buffer.from('\x1b[31mred\x1b[0m\tx\x07\x7f\u0085y\n')])).toEqual(lines('[31mred[0m\txy'));
  });

  it('keeps them when stripControl is false', () => {
    expect(run([Buffer.from('\x1b[1m\n')], { stripControl: false })).toEqual(lines('\x1b[1m'));
  });
});

describe('LineAssembler limits', () => {
  it('truncates an overlong line, reports it once at once, and discards the rest up to the line end', () => {
    const a = new LineAssembler({ maxLineLength: 5 });
    expect(a.push(Buffer.from('abcd'))).toEqual([]);
    expect(a.push(Buffer.from('efgh'))).toEqual([{ type: 'limit', limit: 'overlong', max: 5 }]);
    expect(a.push(Buffer.from('ijkl'))).toEqual([]);
    expect(a.pendingLength).toBe(5);
    expect(a.push(Buffer.from('mn\r\nnext\r\n'))).toEqual([{ type: 'line', text: 'abcde', truncated: true }, ...lines('next')]);
  });

  it('never cuts a surrogate pair in half', () => {
    const events = run([Buffer.from('ab🐉cd\n')], { maxLineLength: 3 });
    expect(events).toEqual([
      { type: 'limit', limit: 'overlong', max: 3 },
      { type: 'line', text: 'ab', truncated: true },
    ]);
  });

  it('drops a line past maxBufferedBytes, reports it, and recovers at the next line end', () => {
    const a = new LineAssembler({ maxLineLength: 10, maxBufferedBytes: 100 });
    const events: LineEvent[] = [];
    for (let i = 0; i < 1000; i++) {
      events.push(...a.push(Buffer.alloc(50, 0x78)));
      expect(a.pendingLength).toBeLessThanOrEqual(10);
    }
    expect(events).toEqual([
      { type: 'limit', limit: 'overlong', max: 10 },
      { type: 'limit', limit: 'buffer', max: 100 },
    ]);
    expect(a.push(Buffer.from('more\r\nlook\r\n'))).toEqual(lines('look'));
  });
});
