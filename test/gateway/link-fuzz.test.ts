/**
 * Random and malformed frames sent to each side of the link (issue 11): the
 * real engine host and the real gateway each log and drop what they cannot
 * read, and go on serving.
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { getSettings, Logger, MemorySink } from '../../src/engine/host';
import { ENGINE_HOST_ENTRY } from '../../src/gateway/engine-process';
import { Gateway } from '../../src/gateway/gateway';
import { LINK_PROTOCOL_VERSION, type EngineFrame } from '../../src/link/frames';
import { checkEngineFrame } from '../../src/link/validate';
import { makeTempDir, removeTempDirs } from '../cli/maid-process';
import { TelnetTestClient } from '../server/kit/telnet-client';
import { prng, randomFrame } from './frame-fuzz';
import { packsWith } from './kit';

afterAll(removeTempDirs);

const GATEWAY_TYPES = ['input', 'request', 'bogus', 'Input'];
const INPUT_KINDS = ['open', 'line', 'gmcp', 'caps', 'limit', 'closed', 'x'];

/** Sends what IPC can carry at all (a bare BigInt or undefined is refused by Node before the peer sees it). */
function sendRaw(child: ReturnType<typeof fork>, value: unknown): void {
  try {
    child.send(value as object);
  } catch {
    // not sendable
  }
}

describe('a fuzzed link', () => {
  it('the engine host survives 5,000 random frames before and after it starts, and still serves a session and a request', async () => {
    const packsDir = packsWith();
    const settings = getSettings({ env: {}, overrides: { packsDir, dataDir: makeTempDir('maid-fuzz-data-'), port: 0, webSocketPort: 0, logLevel: 'WARNING', passwordCost: 10 } });
    const child = fork(ENGINE_HOST_ENTRY, [], { serialization: 'advanced', stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const frames: EngineFrame[] = [];
    const waitFor = (test: (f: EngineFrame) => boolean) =>
      new Promise<EngineFrame>((resolve, reject) => {
        const seen = frames.find(test);
        if (seen) return resolve(seen);
        const timer = setTimeout(() => reject(new Error(`no such frame; stderr: ${stderr.slice(-2000)}`)), 20_000);
        const listen = (f: EngineFrame) => {
          if (!test(f)) return;
          clearTimeout(timer);
          child.off('message', listen);
          resolve(f);
        };
        child.on('message', listen);
      });
    child.on('message', (f: EngineFrame) => frames.push(f));
    try {
      await waitFor((f) => f.t === 'hello');
      const rand = prng(11);
      for (let i = 0; i < 2500; i++) sendRaw(child, randomFrame(rand, GATEWAY_TYPES, INPUT_KINDS));
      child.send({ t: 'start', version: LINK_PROTOCOL_VERSION, config: { settings, contentDirs: [`${packsDir}/starter-world`], allPacks: false, strict: false, disabled: [], generation: 1 } });
      await waitFor((f) => f.t === 'ready');
      for (let i = 0; i < 2500; i++) sendRaw(child, randomFrame(rand, GATEWAY_TYPES, INPUT_KINDS));
      // A session opens and sees the login banner; a request is answered.
      child.send({ t: 'input', items: [{ k: 'open', s: 9001, protocol: 'telnet', address: '127.0.0.1', caps: { gmcp: false, supports: [] } }] });
      const saysName = (f: EngineFrame) => {
        const checked = checkEngineFrame(f);
        return checked.ok && checked.frame.t === 'output' && checked.frame.items.some((i) => i.s === 9001 && i.k === 'write' && /Name:|name/.test(i.text + (i.prompt ?? '')));
      };
      const banner = await waitFor(saysName);
      expect(banner.t).toBe('output');
      child.send({ t: 'request', id: 77, op: 'packs' });
      const answer = await waitFor((f) => f.t === 'response' && f.id === 77);
      expect(answer).toMatchObject({ ok: true, body: [expect.objectContaining({ name: 'starter-world' })] });
      expect(stderr).toMatch(/Engine host dropped/);
      expect(child.exitCode).toBeNull();
    } finally {
      child.kill('SIGKILL');
    }
  }, 60_000);

  it('the gateway survives an engine sending 3,000 random frames, and still relays a player\'s lines', async () => {
    const sink = new MemorySink();
    const logger = new Logger('INFO', [sink.sink]);
    const settings = getSettings({ env: {}, overrides: { dataDir: makeTempDir('maid-fuzz-gw-'), port: 0, webSocketPort: 0 } });
    const gateway = await Gateway.start({ settings, logger, contentDirs: [], allPacks: false, strict: false, engineEntry: fileURLToPath(new URL('./fixtures/fuzzing-engine.mjs', import.meta.url)) });
    try {
      const player = await TelnetTestClient.connect(gateway.addresses?.telnet.port ?? 0);
      player.line('hello there');
      await player.waitFor('echo: hello there', 0, 10_000);
      expect(sink.records.some((r) => r.message.startsWith('Gateway dropped'))).toBe(true);
      expect(gateway.supervisor.state).toBe('running');
      player.close();
    } finally {
      await gateway.stop();
    }
  }, 60_000);
});
