import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { copyPacks, FAST_HASH } from '../../test/server/kit/server-fixture';
import { GameEngine, GameServer, getSettings, Logger, MemorySink } from '../engine/host';
import { MemoryStorage } from '../engine/storage';
import type { EngineFrame, SessionId, SessionOutput } from '../link/frames';
import { packOutput } from '../link/line-table';
import { checkEngineFrame } from '../link/validate';
import { SessionLink } from './session-link';

type Write = Extract<SessionOutput, { k: 'write' }>;

/** The engine's end of the link with the starter world, its output collected as the gateway would get it. */
async function linkedEngine() {
  const packsDir = copyPacks(['starter-world']);
  const engine = new GameEngine(getSettings({ env: {}, overrides: { tickRate: 20 } }), { logSinks: [new MemorySink().sink] });
  await engine.loadPackFromPath(join(packsDir, 'starter-world'));
  await engine.start();
  const server = new GameServer(engine, new MemoryStorage(), { host: '127.0.0.1', port: 0, webSocketPort: false, persistWorld: false, passwordParams: FAST_HASH, negotiationTimeoutMs: 50 });
  await server.open();
  const writes: Write[] = [];
  /** The frames as they cross, before the gateway's check turns their lines back into writes. */
  const frames: Array<Extract<EngineFrame, { t: 'output' }>> = [];
  let waiters: Array<() => void> = [];
  const link = new SessionLink(server, new Logger('ERROR', []), (items) => {
    const frame = { t: 'output' as const, ...packOutput(items) };
    frames.push(frame);
    const checked = checkEngineFrame(frame);
    if (!checked.ok || checked.frame.t !== 'output' || checked.dropped > 0) throw new Error(`the gateway would refuse this frame: ${JSON.stringify(checked)}`);
    for (const item of checked.frame.items) if (item.k === 'write') writes.push(item);
    const now = waiters;
    waiters = [];
    for (const check of now) check();
  });
  /** The first write to `s` after index `from` whose text or prompt has `text`. */
  const writeWith = (s: SessionId, text: string, from = 0) =>
    new Promise<Write>((resolve) => {
      const check = () => {
        const found = writes.slice(from).find((w) => w.s === s && (w.text.includes(text) || (w.prompt ?? '').includes(text)));
        if (found) resolve(found);
        else waiters.push(check);
      };
      check();
    });
  const line = (s: SessionId, text: string) => link.receive([{ k: 'line', s, text }]);
  const logIn = async (s: SessionId, name: string) => {
    link.receive([{ k: 'open', s, protocol: 'telnet', address: '127.0.0.1', caps: { gmcp: false, supports: [] } }]);
    await writeWith(s, 'Name:');
    line(s, name);
    await writeWith(s, '(yes/no)');
    line(s, 'yes');
    await writeWith(s, 'Choose a password:');
    line(s, 'silver-moon-42');
    await writeWith(s, 'Type the password again:');
    line(s, 'silver-moon-42');
    return writeWith(s, 'Exits:');
  };
  const stop = async () => {
    await server.stop();
    await engine.stop();
  };
  return { writes, frames, writeWith, line, logIn, stop };
}

describe('the engine end of the link', () => {
  let stop: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await stop?.();
    stop = undefined;
  });

  it("marks the write that answers a typed line, and not a tick's chatter that also ends in a prompt", async () => {
    const game = await linkedEngine();
    stop = game.stop;
    const entered = await game.logIn(1, 'Ada');
    expect(entered).toMatchObject({ prompt: expect.any(String), answer: true });
    // The banner's question answers nothing; each question after a typed name or password answers it.
    const asked = (prompt: string) => game.writes.find((w) => w.s === 1 && (w.prompt ?? '').includes(prompt));
    expect(asked('Name:')).toBeDefined();
    expect(asked('Name:')?.answer).toBeUndefined();
    expect(asked('Choose a password:')?.answer).toBe(true);
    // Bob arrives: Ada hears of it at the end of a tick, with a prompt, but she typed nothing.
    await game.logIn(2, 'Bob');
    const told = await game.writeWith(1, 'Bob appears.');
    expect(told.prompt).toBeDefined();
    expect(told.answer).toBeUndefined();
    const from = game.writes.length;
    game.line(1, 'look');
    const look = await game.writeWith(1, 'Town Square', from);
    expect(look).toMatchObject({ prompt: expect.any(String), answer: true });
    expect(look.text).toContain('Bob is here.');
  });

  it('sends a line told to a room once per frame, however many hear it', async () => {
    const game = await linkedEngine();
    stop = game.stop;
    await game.logIn(1, 'Ada');
    await game.logIn(2, 'Bob');
    await game.logIn(3, 'Cid');
    await Promise.all([game.writeWith(1, 'Cid appears.'), game.writeWith(2, 'Cid appears.')]);
    const frame = game.frames.find((f) => (f.lines ?? []).includes('Cid appears.'));
    expect(frame?.lines?.filter((l) => l === 'Cid appears.')).toHaveLength(1);
    const at = frame?.lines?.indexOf('Cid appears.');
    const pointing = frame?.items.filter((i) => i.k === 'lines' && i.lines.includes(at as number)).map((i) => i.s);
    expect(pointing?.sort()).toEqual([1, 2]);
  });
});
