import { describe, expect, it } from 'vitest';
import { prng, randomFrame, randomValue } from '../../test/gateway/frame-fuzz';
import { LINK_PROTOCOL_VERSION } from './frames';
import { checkEngineFrame, checkGatewayFrame } from './validate';

describe('link frame checks', () => {
  it('take the frames each side sends', () => {
    const input = checkGatewayFrame({ t: 'input', items: [{ k: 'open', s: 1, protocol: 'telnet', address: '127.0.0.1', caps: { gmcp: true, supports: ['char 1'] } }, { k: 'line', s: 1, text: 'look' }] });
    expect(input).toEqual({ ok: true, dropped: 0, frame: { t: 'input', items: [{ k: 'open', s: 1, protocol: 'telnet', address: '127.0.0.1', caps: { gmcp: true, supports: ['char 1'] } }, { k: 'line', s: 1, text: 'look' }] } });
    expect(checkEngineFrame({ t: 'output', items: [{ k: 'write', s: 1, text: 'Hello', prompt: '> ' }, { k: 'playing', s: 1, character: { account: 'Ada', character: 'Ada', entityId: 'e1' } }] })).toMatchObject({ ok: true, dropped: 0 });
    expect(checkEngineFrame({ t: 'hello', version: LINK_PROTOCOL_VERSION, pid: 42 })).toMatchObject({ ok: true });
    expect(checkEngineFrame({ t: 'response', id: 3, ok: false, kind: 'not-found', message: 'No pack named x' })).toMatchObject({ ok: true });
  });

  it('refuse an unknown or malformed frame with the reason, and keep a batch\'s good items', () => {
    expect(checkGatewayFrame({ t: 'explode' })).toEqual({ ok: false, reason: 'unknown frame type "explode"' });
    expect(checkGatewayFrame('input')).toEqual({ ok: false, reason: 'the frame is not an object' });
    expect(checkEngineFrame({ t: 'heartbeat', tick: -1 })).toEqual({ ok: false, reason: '"tick" must be a whole number' });
    const batch = checkEngineFrame({ t: 'output', items: [{ k: 'write', s: 1, text: 'ok' }, { k: 'write', s: 'one', text: 'bad' }, { k: 'nuke', s: 1 }, null] });
    expect(batch).toEqual({ ok: true, dropped: 3, frame: { t: 'output', items: [{ k: 'write', s: 1, text: 'ok' }] } });
  });

  it('keep the mark on a write that answers a line, and drop a write whose mark is not true or false', () => {
    const checked = checkEngineFrame({
      t: 'output',
      items: [
        { k: 'write', s: 1, text: 'Town Square', prompt: '> ', answer: true },
        { k: 'write', s: 2, text: 'chatter', prompt: '> ', answer: false },
        { k: 'write', s: 3, text: 'odd', prompt: '> ', answer: 'yes' },
      ],
    });
    expect(checked).toEqual({
      ok: true,
      dropped: 1,
      frame: {
        t: 'output',
        items: [
          { k: 'write', s: 1, text: 'Town Square', prompt: '> ', answer: true },
          { k: 'write', s: 2, text: 'chatter', prompt: '> ' },
        ],
      },
    });
  });

  it("take the inspector's requests and a watched entity's deltas, and refuse malformed ones", () => {
    expect(checkGatewayFrame({ t: 'request', id: 4, op: 'inspect-edit', body: { op: 'set', entity: 'e1', component: 'Health', path: ['current'], value: 7 } })).toMatchObject({ ok: true, frame: { op: 'inspect-edit' } });
    for (const op of ['inspect-list', 'inspect-view', 'inspect-watch']) expect(checkGatewayFrame({ t: 'request', id: 5, op })).toMatchObject({ ok: true });
    expect(checkGatewayFrame({ t: 'request', id: 6, op: 'inspect-everything' })).toMatchObject({ ok: false, reason: expect.stringMatching(/"op" must be one of .*inspect-watch/) });
    const delta = { entity: 'e1', tick: 9, changed: [{ name: 'Health', version: 1, pack: 'combat', data: { current: 7, max: 100 } }], removed: [] };
    expect(checkEngineFrame({ t: 'entity', deltas: [delta, { ...delta, entity: 'e2', removed: ['Health'], changed: [], destroyed: true }] })).toEqual({
      ok: true,
      dropped: 0,
      frame: { t: 'entity', deltas: [delta, { ...delta, entity: 'e2', removed: ['Health'], changed: [], destroyed: true }] },
    });
    expect(checkEngineFrame({ t: 'entity', deltas: [delta, { ...delta, tick: -1 }, { ...delta, changed: [{ name: 'Health' }] }, { ...delta, destroyed: false }] })).toMatchObject({ ok: true, dropped: 3 });
    expect(checkEngineFrame({ t: 'entity', deltas: 'all' })).toMatchObject({ ok: false });
  });

  it("take the map's requests and marker deltas, and refuse malformed ones", () => {
    expect(checkGatewayFrame({ t: 'request', id: 5, op: 'inspect-map-watch', body: { open: true } })).toMatchObject({ ok: true, frame: { op: 'inspect-map-watch' } });
    const delta = { tick: 3, moved: [{ entity: 'e1', name: 'Ada', kind: 'player', room: 'starter-world:north-road' }], gone: ['e2'] };
    expect(checkEngineFrame({ t: 'map', delta })).toEqual({ ok: true, dropped: 0, frame: { t: 'map', delta } });
    expect(checkEngineFrame({ t: 'map', delta: { ...delta, moved: [{ ...delta.moved[0], kind: 'ghost' }] } })).toMatchObject({ ok: false });
    expect(checkEngineFrame({ t: 'map', delta: { ...delta, gone: [7] } })).toMatchObject({ ok: false });
    expect(checkEngineFrame({ t: 'map' })).toMatchObject({ ok: false });
  });

  it('never throw on 20,000 random frames, and pass on only what has the right shape', () => {
    const rand = prng(20261201);
    const gatewayTypes = ['start', 'input', 'request', 'stop', 'nope'];
    const engineTypes = ['hello', 'starting', 'started', 'ready', 'heartbeat', 'output', 'response', 'reload', 'entity', 'fatal', 'stopping', 'stopped', 'nope'];
    let accepted = 0;
    for (let i = 0; i < 10_000; i++) {
      const a = checkGatewayFrame(randomFrame(rand, gatewayTypes, ['open', 'line', 'gmcp', 'caps', 'limit', 'closed', 'x']));
      const b = checkEngineFrame(randomFrame(rand, engineTypes, ['write', 'lines', 'data', 'echo', 'playing', 'close', 'x']));
      for (const checked of [a, b]) {
        if (!checked.ok) {
          expect(typeof checked.reason).toBe('string');
          continue;
        }
        accepted++;
        // What passes is what the types say: a string type tag, and for batches a list of items with a numeric session.
        expect(typeof checked.frame.t).toBe('string');
        if ('items' in checked.frame) for (const item of checked.frame.items) expect(Number.isSafeInteger(item.s)).toBe(true);
      }
      expect(() => checkGatewayFrame(randomValue(rand))).not.toThrow();
    }
    expect(accepted).toBeGreaterThan(0);
  });

  it("turn a write made of lines of the frame's table back into its text, and drop one that points outside the table", () => {
    const checked = checkEngineFrame({
      t: 'output',
      lines: ['Cid appears.', 'Cid says, "hi"'],
      items: [
        { k: 'lines', s: 1, lines: [0, 1], lead: true, prompt: '> ' },
        { k: 'lines', s: 2, lines: [0], prompt: '> ', answer: true },
        { k: 'lines', s: 3, lines: [2] },
        { k: 'lines', s: 4, lines: [0.5] },
        { k: 'lines', s: 5, lines: 'all' },
      ],
    });
    expect(checked).toEqual({
      ok: true,
      dropped: 3,
      frame: {
        t: 'output',
        items: [
          { k: 'write', s: 1, text: '\nCid appears.\nCid says, "hi"\n', prompt: '> ' },
          { k: 'write', s: 2, text: 'Cid appears.\n', prompt: '> ', answer: true },
        ],
      },
    });
    expect(checkEngineFrame({ t: 'output', lines: [1, 2], items: [] })).toMatchObject({ ok: false, reason: expect.stringMatching(/"lines" must hold strings/) });
    expect(checkEngineFrame({ t: 'output', lines: 'Cid', items: [] })).toMatchObject({ ok: false });
  });

  it('refuse a write of lines that would be longer than the longest write', () => {
    const big = 'x'.repeat(600 * 1024);
    expect(checkEngineFrame({ t: 'output', lines: [big], items: [{ k: 'lines', s: 1, lines: [0, 0] }, { k: 'lines', s: 2, lines: [0] }] })).toMatchObject({ ok: true, dropped: 1, frame: { items: [{ s: 2 }] } });
  });
});
