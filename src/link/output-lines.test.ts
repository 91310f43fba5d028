import { describe, expect, it } from 'vitest';
import { MAX_WRITE_CHARS, type SessionOutput } from './frames';
import { packOutput } from './output-lines';
import { checkEngineFrame } from './validate';

/** What a crowded room's `look` says to each of its occupants: the same list of who is here. */
function roomLook(occupants: number): string {
  const lines = ['{bold}Town Square{/bold}', 'A wide square of worn cobbles.', 'Exits: north, south'];
  for (let i = 0; i < occupants; i++) lines.push(`Player${i} is here.`);
  return lines.join('\n') + '\n';
}

describe('packed output frames', () => {
  it('arrive as the writes that were packed, in order, each distinct line of the long texts crossing once', () => {
    const look = roomLook(250);
    const items: SessionOutput[] = [
      { k: 'write', s: 1, text: 'You have 10 hit points.\n', prompt: '> ', answer: true },
      ...Array.from({ length: 50 }, (_, i): SessionOutput => ({ k: 'write', s: i + 2, text: look, prompt: '> ' })),
      { k: 'data', s: 2, pkg: 'Room.Info', data: { num: 1 } },
      { k: 'write', s: 60, text: `${look}Ada says, "hello"\n`, prompt: '> ', answer: true },
      { k: 'echo', s: 3, hidden: true },
    ];
    const frame = packOutput(items);
    // 253 lines of the look, the say, and the empty line after the last line end: once each.
    expect(frame.lines).toHaveLength(255);
    expect(frame.items[0]).toEqual(items[0]); // a short answer crosses as it is
    expect(frame.items[1]).toMatchObject({ k: 'write', s: 2, prompt: '> ' });
    expect(frame.items[1]).not.toHaveProperty('text');
    // Through a real structured clone, as the IPC channel carries it, then the gateway's check.
    const checked = checkEngineFrame(structuredClone(frame));
    expect(checked).toEqual({ ok: true, dropped: 0, frame: { t: 'output', items } });
    const packedChars = JSON.stringify(frame).length;
    expect(packedChars).toBeLessThan(JSON.stringify({ t: 'output', items }).length / 10);
  });

  it('leave an ordinary batch as it is: a few answers, even long ones', () => {
    const items: SessionOutput[] = [{ k: 'write', s: 1, text: 'Hello.\n', prompt: '> ' }, { k: 'close', s: 1 }];
    expect(packOutput(items)).toEqual({ t: 'output', items });
    const looks = Array.from({ length: 10 }, (_, i): SessionOutput => ({ k: 'write', s: i + 1, text: roomLook(250), prompt: '> ', answer: true }));
    expect(packOutput(looks)).toEqual({ t: 'output', items: looks });
  });

  it('drop (and count) a write whose lines are not in the table, or would make a text over the limit, and keep the rest', () => {
    const big = 'x'.repeat(MAX_WRITE_CHARS / 2);
    const checked = checkEngineFrame({
      t: 'output',
      lines: ['one', 'two', big],
      items: [
        { k: 'write', s: 1, lines: [0, 2] },
        { k: 'write', s: 2, lines: [0, 4] },
        { k: 'write', s: 3, lines: [-1, 1] },
        { k: 'write', s: 4, lines: [0, 1.5] },
        { k: 'write', s: 5, lines: 'all' },
        { k: 'write', s: 6, lines: [0, 1], text: 'both' },
        // A few runs of one long line would join into a string far past the limit: refused before joining.
        { k: 'write', s: 7, lines: [2, 1, 2, 1, 2, 1] },
        { k: 'write', s: 8, text: 'inline', answer: 'yes' },
        { k: 'write', s: 9, lines: [1, 1, 0, 1], answer: false },
        { k: 'write', s: 10, lines: [0] },
        { k: 'write', s: 11, lines: [0, 0] },
      ],
    });
    expect(checked).toEqual({
      ok: true,
      dropped: 9,
      frame: {
        t: 'output',
        items: [
          { k: 'write', s: 1, text: 'one\ntwo' },
          { k: 'write', s: 9, text: 'two\none' },
        ],
      },
    });
  });

  it('refuse a frame whose line table is not a list of strings, with the reason', () => {
    expect(checkEngineFrame({ t: 'output', lines: 'one\ntwo', items: [] })).toEqual({ ok: false, reason: '"lines" must be a list of at most 1000000 strings' });
    expect(checkEngineFrame({ t: 'output', lines: ['ok', 7], items: [{ k: 'write', s: 1, lines: [0] }] })).toMatchObject({ ok: false });
  });
});
