import { describe, expect, it } from 'vitest';
import type { EngineSessionOutput } from './frames';
import { packOutput } from './line-table';

describe('the table of lines of an output frame', () => {
  it('names each line once, whichever sessions it goes to, and leaves other items as they are', () => {
    const told = 'Ada says, "hello"';
    const items: EngineSessionOutput[] = [
      { k: 'lines', s: 1, lines: [told, 'Bob arrives.'], prompt: '> ' },
      { k: 'echo', s: 2, hidden: true },
      { k: 'lines', s: 2, lines: [told], lead: true, answer: true },
      { k: 'write', s: 3, text: 'raw' },
    ];
    expect(packOutput(items)).toEqual({
      lines: [told, 'Bob arrives.'],
      items: [
        { k: 'lines', s: 1, lines: [0, 1], prompt: '> ' },
        { k: 'echo', s: 2, hidden: true },
        { k: 'lines', s: 2, lines: [0], lead: true, answer: true },
        { k: 'write', s: 3, text: 'raw' },
      ],
    });
  });

  it('sends no table when no item is made of lines', () => {
    expect(packOutput([{ k: 'close', s: 1 }])).toEqual({ items: [{ k: 'close', s: 1 }] });
  });
});
