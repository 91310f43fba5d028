/**
 * Fuzz: 100,000 random and malformed inputs — random bytes, IAC floods,
 * 1 MB lines, endless subnegotiations, bad UTF-8, bad GMCP JSON, garbage
 * NAWS/TTYPE/CHARSET, option churn — over many connections, some of them
 * logged in. Meanwhile a well-behaved player keeps sending `look` and must
 * keep getting answers; at the end the server is alive, every fuzz session
 * is gone, and memory is back where it was.
 */
import net from 'node:net';
import v8 from 'node:v8';
import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import { DO, DONT, IAC, Opt, SB, SE, WILL, WONT } from '../../src/engine/server/telnet';
import { useServers } from './kit/harness';
import { prng } from '../support/seeded-random';

const { server, client } = useServers();

const TOTAL_INPUTS = 100_000;
const WORKERS = 32;

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;


const OPTIONS = [Opt.ECHO, Opt.SGA, Opt.TTYPE, Opt.NAWS, Opt.EOR, Opt.CHARSET, Opt.MSSP, Opt.MCCP2, Opt.GMCP, 0, 255, 42];
const WORDS = ['look', 'north', 'say', 'get', 'drop', 'who', 'help', 'attack', 'yes', 'no', 'Alice', 'inventory', '{red}', 'quit'];

function makeInput(rand: () => number): Buffer {
  const int = (n: number) => Math.floor(rand() * n);
  const bytes = (n: number) => Buffer.from(Array.from({ length: n }, () => int(256)));
  const pick = <T>(list: readonly T[]): T => list[int(list.length)] as T;
  const r = rand();
  if (r < 0.3) return bytes(1 + int(512));
  if (r < 0.45) {
    // IAC floods: lone IACs, doubled IACs, commands, negotiations for any option
    return Buffer.from(Array.from({ length: 2 + int(300) }, () => (rand() < 0.5 ? IAC : pick([IAC, WILL, WONT, DO, DONT, SB, SE, 241, 246, 249, int(256)]))));
  }
  if (r < 0.6) {
    // bad UTF-8 and control characters, as lines
    const bad = [0xc3, 0x28, 0xa0, 0xa1, 0xe2, 0x28, 0xa1, 0xf0, 0x28, 0x8c, 0xbc, 0xff, 0xfe, 0xed, 0xa0, 0x80, 0x1b, 0x5b, 0x00, 0x07];
    return Buffer.concat([Buffer.from(Array.from({ length: 1 + int(80) }, () => pick(bad))), Buffer.from('\r\n')]);
  }
  if (r < 0.72) {
    // plausible lines: commands, names, markup
    return Buffer.from(`${Array.from({ length: 1 + int(4) }, () => pick(WORDS)).join(' ')}\r\n`);
  }
  if (r < 0.8) {
    // GMCP: bad JSON, wrong shapes, huge lists, unknown packages
    const payloads = ['Core.Supports.Set [bad json', 'Core.Hello {"client": 5', 'Core.Supports.Add {"a":1}', `Core.Supports.Set ${JSON.stringify(Array.from({ length: 400 }, (_, i) => `P${i} 1`))}`, 'Char.Login "x"', '!!!', 'Core.Ping', `Room.Info ${'['.repeat(3000)}`];
    return Buffer.concat([Buffer.from([IAC, SB, Opt.GMCP]), Buffer.from(pick(payloads)), Buffer.from([IAC, SE])]);
  }
  if (r < 0.86) {
    // garbage subnegotiations of the options the server reads
    const option = pick([Opt.NAWS, Opt.TTYPE, Opt.CHARSET, Opt.MSSP, Opt.MCCP2, Opt.GMCP]);
    return Buffer.concat([Buffer.from([IAC, SB, option]), bytes(int(40)), Buffer.from([IAC, SE])]);
  }
  if (r < 0.978) {
    // option churn: ask for compression, echo, everything, and take it back
    return Buffer.from(Array.from({ length: 1 + int(12) }, () => [IAC, pick([WILL, WONT, DO, DONT]), pick(OPTIONS)]).flat());
  }
  if (r < 0.998) {
    // an endless subnegotiation: IAC SB and 64 KB that never end (one input in 50)
    return Buffer.concat([Buffer.from([IAC, SB, pick(OPTIONS)]), Buffer.alloc(64 * 1024, int(255))]);
  }
  // a 1 MB line (one input in 500)
  return Buffer.concat([Buffer.alloc(1024 * 1024, 0x61), Buffer.from('\r\n')]);
}

describe('fuzz', () => {
  it(`survives ${TOTAL_INPUTS.toLocaleString('en')} malformed inputs over many connections while a player keeps playing`, async () => {
    const seed = Number(process.env.MAID_FUZZ_SEED ?? Date.now() % 1_000_000);
    // The rate limits are tests of their own (test/security/input-floods.test.ts): here every input must reach the parser.
    const s = await server({ limits: { maxConnectionsPerAddress: 1000, loginTimeoutMs: 10_000, connectionsPerSecondPerAddress: 100_000, maxInputBytesPerSecond: 1024 * 1024 * 1024, maxNegotiationsPerSecond: 1_000_000 }, negotiationTimeoutMs: 50 });
    const player = await client(s.telnetPort);
    await player.login('Steady', 'silver-moon-42', true);
    gc();
    const heapBefore = process.memoryUsage().heapUsed;

    // The well-behaved player: a look every 100 ms, each answered within 2 s.
    const latencies: number[] = [];
    let probing = true;
    let probeFailure: unknown;
    const probe = (async () => {
      while (probing) {
        const started = performance.now();
        const mark = player.mark();
        player.line('look');
        // Others come and go in the square: wait for the room itself, not just any prompt.
        await player.waitFor(/Town Square[\s\S]*Exits:/, mark, 2000);
        latencies.push(performance.now() - started);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    })().catch((err: unknown) => {
      probeFailure = err;
    });

    let sent = 0;
    let bytes = 0;
    let connections = 0;
    let peakHeap = 0;
    let nameCounter = 0;
    const letters = (n: number) => Array.from(String(n).padStart(4, '0'), (d) => 'abcdefghij'[Number(d)]).join('');
    const worker = async (id: number) => {
      const rand = prng(seed * 131 + id);
      while (sent < TOTAL_INPUTS) {
        const socket = net.connect(s.telnetPort, '127.0.0.1');
        connections++;
        let open = true;
        socket.on('data', () => {}); // read and discard: a fuzzer that never reads is another test
        socket.on('error', () => (open = false));
        socket.on('close', () => (open = false));
        await new Promise<void>((resolve) => socket.once('connect', () => resolve()).once('error', () => resolve()));
        // A quarter of the connections log in first, so the garbage also reaches a playing session.
        if (rand() < 0.25) socket.write(`Fuzz${letters(nameCounter++)}\r\nyes\r\nsilver-moon-42\r\nsilver-moon-42\r\n`);
        const burst = 20 + Math.floor(rand() * 300);
        for (let i = 0; i < burst && open && sent < TOTAL_INPUTS; i++) {
          const input = makeInput(rand);
          sent++;
          bytes += input.length;
          // Wait for the kernel to take it: every input really reaches the server (or the server closed on us).
          if (!socket.write(input)) await new Promise((resolve) => socket.once('drain', resolve).once('close', resolve));
        }
        peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
        socket.end();
        await new Promise((resolve) => {
          socket.once('close', resolve);
          setTimeout(resolve, 2000);
        });
        socket.destroy();
      }
    };
    const started = Date.now();
    await Promise.all(Array.from({ length: WORKERS }, (_, id) => worker(id)));
    probing = false;
    await probe;
    expect(probeFailure).toBeUndefined();
    const elapsed = Date.now() - started;

    // Every fuzz connection is gone; the player is still there and answering.
    await until(() => s.server.stats().sessions === 1, 10_000);
    expect(s.engine.sessions.count).toBe(1);
    expect(player.closed).toBe(false);
    expect(await player.command('look')).toContain('Town Square');
    const fresh = await client(s.telnetPort);
    expect(await fresh.login('Latecomer', 'silver-moon-42', true)).toContain('Town Square');

    gc();
    const heapAfter = process.memoryUsage().heapUsed;
    const sorted = [...latencies].sort((a, b) => a - b);
    const summary = {
      seed,
      sent,
      megabytes: Math.round(bytes / 2 ** 20),
      connections,
      seconds: elapsed / 1000,
      probes: latencies.length,
      probeP50ms: Math.round(sorted[Math.floor(sorted.length / 2)] ?? 0),
      probeMaxMs: Math.round(sorted.at(-1) ?? 0),
      heapBeforeMB: Math.round(heapBefore / 2 ** 20),
      peakHeapMB: Math.round(peakHeap / 2 ** 20),
      heapAfterMB: Math.round(heapAfter / 2 ** 20),
    };
    console.log('fuzz:', JSON.stringify(summary));
    expect(sent).toBe(TOTAL_INPUTS);
    // Bad input is the peer's problem, never an error of the server's.
    expect(s.log.lines().filter((l) => l.startsWith('[ERROR]'))).toEqual([]);
    expect(latencies.length).toBeGreaterThan(10);
    // Memory is bounded: what the run held is released (the characters it made stay, a few KB each).
    expect(heapAfter - heapBefore).toBeLessThan(40 * 2 ** 20);
    expect(peakHeap).toBeLessThan(heapBefore + 400 * 2 ** 20);
  }, 120_000);
});

async function until(check: () => boolean, ms: number): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > ms) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
