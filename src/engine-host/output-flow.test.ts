import { describe, expect, it } from 'vitest';
import type { SessionOutput } from '../link/frames';
import { OutputFlow } from './output-flow';

/** A channel that writes a frame through only when the test says so, as a full IPC channel does. */
function slowChannel() {
  const frames: SessionOutput[][] = [];
  const unwritten: Array<() => void> = [];
  const flow = new OutputFlow((items, written) => {
    frames.push(items);
    unwritten.push(written);
  });
  return { flow, frames, writeThrough: () => unwritten.shift()?.() };
}

const chatter = (from: number, count: number, text = 'Bob says, "hi"'): SessionOutput[] => Array.from({ length: count }, (_, i) => ({ k: 'write', s: from + i, text, prompt: '> ' }));
const texts = (frame: SessionOutput[] | undefined) => (frame ?? []).map((item) => (item.k === 'write' ? `${item.s}:${item.text}` : `${item.s}:${item.k}`));

describe('OutputFlow', () => {
  it('sends what it gets at once while the channel keeps up', () => {
    const { flow, frames, writeThrough } = slowChannel();
    flow.push(chatter(1, 3));
    writeThrough();
    flow.push(chatter(4, 3));
    expect(frames.map(texts)).toEqual([texts(chatter(1, 3)), texts(chatter(4, 3))]);
    expect(flow.pending).toBe(0);
  });

  it("holds chatter while two frames are unwritten, and sends an answer at once, after its own session's held output", () => {
    const { flow, frames, writeThrough } = slowChannel();
    flow.push(chatter(1, 50, 'tick 1'));
    flow.push(chatter(1, 50, 'tick 2'));
    flow.push(chatter(1, 50, 'tick 3'));
    // The channel holds two frames; the third tick waits here.
    expect(frames).toHaveLength(2);
    expect(flow.pending).toBe(50);
    flow.push([{ k: 'write', s: 7, text: 'Town Square', prompt: '> ', answer: true }, ...chatter(60, 2, 'tick 4')]);
    // Session 7's answer goes now, its tick-3 line before it; the rest waits behind the unwritten frames.
    expect(texts(frames[2])).toEqual(['7:tick 3', '7:Town Square']);
    expect(flow.pending).toBe(51);
    // Three frames are unwritten now: the held chatter goes once fewer than two are.
    writeThrough();
    expect(frames).toHaveLength(3);
    writeThrough();
    expect(frames).toHaveLength(4);
    expect(texts(frames[3])).toHaveLength(51);
    expect(texts(frames[3])).not.toContain('7:tick 3');
    expect(texts(frames[3]).slice(-2)).toEqual(['60:tick 4', '61:tick 4']);
    expect(flow.pending).toBe(0);
  });

  it('sends held chatter in frames of at most 200 as the channel takes them, in order', () => {
    const { flow, frames, writeThrough } = slowChannel();
    flow.push(chatter(1, 10));
    flow.push(chatter(1, 10));
    flow.push(chatter(1, 450, 'later'));
    expect(flow.pending).toBe(450);
    writeThrough();
    expect(frames[2]).toHaveLength(200);
    writeThrough();
    writeThrough();
    expect(frames.slice(2).map((f) => f.length)).toEqual([200, 200, 50]);
    expect(texts(frames[4]).at(-1)).toBe('450:later');
  });

  it('flush sends everything held, whatever the channel holds (before a stop)', () => {
    const { flow, frames } = slowChannel();
    flow.push(chatter(1, 10));
    flow.push(chatter(1, 10));
    flow.push(chatter(1, 10, 'last words'));
    flow.push([{ k: 'close', s: 3 }]);
    flow.flush();
    expect(flow.pending).toBe(0);
    expect(texts(frames.at(-1))).toEqual([...texts(chatter(1, 10, 'last words')), '3:close']);
  });
});
