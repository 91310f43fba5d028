import { describe, expect, it } from 'vitest';
import { Logger } from '../engine/host';
import type { Transport, TransportHandlers } from '../engine/server';
import type { SessionInput, SessionOutput } from '../link/frames';
import { SessionRelay } from './session-relay';

const turn = () => new Promise((resolve) => setImmediate(resolve));

function fakeTransport(written: string[], handlers: TransportHandlers[]): Transport {
  return {
    protocol: 'telnet',
    address: '127.0.0.1',
    isOpen: true,
    clientName: undefined,
    bind: (h) => void handlers.push(h),
    ready: () => Promise.resolve(),
    write: (text) => void written.push(text),
    acceptsData: () => false,
    sendData: () => {},
    setEcho: () => {},
    close: () => {},
  };
}

async function relayWith(sessions: number) {
  const sent: SessionInput[][] = [];
  const relay = new SessionRelay({ logger: new Logger('ERROR', []), negotiationTimeoutMs: 10, send: (items) => (sent.push(items), true) });
  relay.engineUp();
  const written: string[][] = [];
  const handlers: TransportHandlers[] = [];
  for (let i = 0; i < sessions; i++) {
    const mine: string[] = [];
    written.push(mine);
    relay.accept(fakeTransport(mine, handlers));
  }
  await turn();
  return { relay, written, handlers, writes: () => written.reduce((n, w) => n + w.length, 0) };
}

const writesTo = (from: number, count: number, text: string): SessionOutput[] => Array.from({ length: count }, (_, i) => ({ k: 'write', s: from + i, text }));

describe('SessionRelay output', () => {
  it('writes a big batch in slices of 50 with the event loop free between them, in order, frames that follow after it', async () => {
    const { relay, written, writes } = await relayWith(120);
    relay.output(writesTo(1, 120, 'tick'));
    relay.output([{ k: 'write', s: 1, text: 'answer' }]);
    expect(writes()).toBe(50);
    await turn();
    expect(writes()).toBe(100);
    await turn();
    expect(writes()).toBe(121);
    expect(written[0]).toEqual(['tick', 'answer']);
  });

  it("a session waiting for an answer gets it ahead of the others' queued output, after its own", async () => {
    const { relay, written, handlers, writes } = await relayWith(200);
    handlers[149]?.line('look');
    relay.output(writesTo(1, 200, 'tick'));
    // 50 now, and session 150's: it waits for an answer, so whatever comes for it goes at once.
    expect(writes()).toBe(51);
    expect(written[149]).toEqual(['tick']);
    // Its answer comes now too; session 199's output waits its turn behind the queued tick.
    relay.output([
      { k: 'write', s: 150, text: 'answer', prompt: '> ', answer: true },
      { k: 'write', s: 199, text: 'chatter' },
    ]);
    expect(written[149]).toEqual(['tick', 'answer']);
    expect(written[198]).toEqual([]);
    expect(writes()).toBe(52);
    // Session 180's tick output is queued; it types a line, and its answer brings its queued output along, in order.
    handlers[179]?.line('hp');
    relay.output([{ k: 'write', s: 180, text: 'hp answer', prompt: '> ', answer: true }]);
    expect(written[179]).toEqual(['tick', 'hp answer']);
    expect(writes()).toBe(54);
    for (let i = 0; i < 4; i++) await turn();
    expect(writes()).toBe(203);
    expect(written[179]).toEqual(['tick', 'hp answer']);
    expect(written[198]).toEqual(['tick', 'chatter']);
    // Answered: the next output of session 150 queues like anyone's.
    relay.output(writesTo(1, 60, 'next'));
    relay.output([{ k: 'write', s: 150, text: 'later' }]);
    expect(written[149]).toEqual(['tick', 'answer']);
  });

  it("a tick's chatter that ends in a prompt does not end the wait: the answer after it still goes first", async () => {
    const { relay, written, handlers, writes } = await relayWith(200);
    handlers[149]?.line('look');
    // The tick ran before the engine read the line: session 150's share of it ends in a prompt, and is no answer.
    relay.output(writesTo(1, 200, 'tick').map((item) => ({ ...item, prompt: '> ' })));
    expect(written[149]).toEqual(['tick']);
    relay.output(writesTo(1, 200, 'next tick'));
    relay.output([{ k: 'write', s: 150, text: 'the square', prompt: '> ', answer: true }]);
    // Its answer is written now, ahead of the 150 items of the first tick and the 200 of the second still queued.
    expect(written[149]).toEqual(['tick', 'next tick', 'the square']);
    expect(written[150]).toEqual([]);
    expect(writes()).toBe(53);
    // Answered: its next output queues like anyone's.
    relay.output([{ k: 'write', s: 150, text: 'chatter' }]);
    expect(written[149]).toEqual(['tick', 'next tick', 'the square']);
  });

  it("frames read in one turn share its slice of 50: a tick's 50-item frames queue after the first, and an answer behind them goes first", async () => {
    const { relay, written, handlers, writes } = await relayWith(200);
    handlers[189]?.line('look');
    relay.output(writesTo(1, 50, 'tick'));
    relay.output(writesTo(51, 50, 'tick'));
    relay.output(writesTo(101, 50, 'tick'));
    expect(writes()).toBe(50);
    relay.output([{ k: 'write', s: 190, text: 'the square', prompt: '> ', answer: true }]);
    expect(written[189]).toEqual(['the square']);
    expect(writes()).toBe(51);
    await turn();
    expect(writes()).toBe(101);
    await turn();
    expect(writes()).toBe(151);
    // A new turn, nothing queued: a small frame is written at once again.
    await turn();
    relay.output(writesTo(1, 3, 'say'));
    expect(writes()).toBe(154);
  });

  it('a small batch is written at once', async () => {
    const { relay, writes } = await relayWith(3);
    relay.output(writesTo(1, 3, 'hello'));
    expect(writes()).toBe(3);
  });

  it('when the engine goes down, what it said before is written before players hear of the restart', async () => {
    const { relay, written } = await relayWith(80);
    relay.output(writesTo(1, 80, 'last words'));
    relay.engineDown('restart');
    expect(written[79]?.[0]).toBe('last words');
    expect(written[79]?.[1]).toMatch(/The game is restarting/);
  });
});
