import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { IdleWatch } from './idle-watch';

describe('IdleWatch', () => {
  beforeEach(() => void vi.useFakeTimers());
  afterEach(() => void vi.useRealTimers());

  function watch(timeoutMs: number) {
    const events: string[] = [];
    const w = new IdleWatch({ timeoutMs, warn: (left) => events.push(`warn ${left}`), expire: () => events.push('expire') });
    return { w, events };
  }

  it('warns a minute before the end, then ends the session', () => {
    const { w, events } = watch(10 * 60_000);
    w.start();
    vi.advanceTimersByTime(9 * 60_000 - 1);
    expect(events).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(events).toEqual(['warn 60000']);
    vi.advanceTimersByTime(60_000);
    expect(events).toEqual(['warn 60000', 'expire']);
  });

  it('starts again from any activity, and warns again next time', () => {
    const { w, events } = watch(10 * 60_000);
    w.start();
    vi.advanceTimersByTime(9.5 * 60_000);
    w.active();
    vi.advanceTimersByTime(9 * 60_000);
    expect(events).toEqual(['warn 60000', 'warn 60000']);
    vi.advanceTimersByTime(59_999);
    expect(events).toHaveLength(2);
    vi.advanceTimersByTime(1);
    expect(events.at(-1)).toBe('expire');
  });

  it('does not warn when the timeout is too short for it, never fires after stop, and 0 means never', () => {
    const short = watch(90_000);
    short.w.start();
    vi.advanceTimersByTime(90_000);
    expect(short.events).toEqual(['expire']);
    const stopped = watch(1000);
    stopped.w.start();
    stopped.w.stop();
    vi.advanceTimersByTime(5000);
    expect(stopped.events).toEqual([]);
    const never = watch(0);
    never.w.start();
    vi.advanceTimersByTime(30 * 24 * 3600_000);
    expect(never.events).toEqual([]);
  });
});
