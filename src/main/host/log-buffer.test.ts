import { describe, expect, it, vi } from 'vitest';
import { toJsonSafe } from '../../engine/core/json-safe';
import { LogBuffer, packOfLine } from './log-buffer';

describe('log lines', () => {
  const packs = ['combat', 'starter-world'];
  it('are tied to the pack they are about', () => {
    expect(packOfLine({ message: 'x', source: 'combat' }, packs)).toBe('combat');
    expect(packOfLine({ message: "Successfully reloaded pack 'combat' in 0.006s" }, packs)).toBe('combat');
    expect(packOfLine({ message: 'Triggering reload for pack: starter-world' }, packs)).toBe('starter-world');
    expect(packOfLine({ message: 'Watching: combat at /x' }, packs)).toBe('combat');
    expect(packOfLine({ message: 'Engine started' }, packs)).toBeUndefined();
  });

  it('are kept up to a limit and handed on in batches', () => {
    vi.useFakeTimers();
    const batches: number[][] = [];
    const buffer = new LogBuffer(() => packs, (entries) => batches.push(entries.map((e) => e.seq)), 3, 50);
    for (let i = 0; i < 5; i++) buffer.sink({ level: 'INFO', message: `line ${i}`, time: i });
    expect(batches).toEqual([]);
    vi.advanceTimersByTime(60);
    expect(batches).toEqual([[1, 2, 3, 4, 5]]);
    expect(buffer.all().map((e) => e.seq)).toEqual([3, 4, 5]);
    vi.useRealTimers();
  });
});

describe('toJsonSafe', () => {
  it('turns captured state of any shape into plain JSON', () => {
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic.self = cyclic;
    const value = toJsonSafe({ m: new Map([['k', new Set([1, 2])]]), big: 10n, f: function strike() {}, n: NaN, u: undefined, cyclic });
    expect(value).toEqual({ m: { k: [1, 2] }, big: '10n', f: '[function strike]', n: 'NaN', u: null, cyclic: { a: 1, self: '[circular]' } });
    expect(() => JSON.stringify(value)).not.toThrow();
  });
});
