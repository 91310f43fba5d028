/**
 * `npm run bench -- hostile`: does one client's flood slow the others down?
 * A bystander logged in over telnet sends `look` and times each round trip
 * (from writing it to reading the room and the prompt after it), first with
 * no attackers, then while 20 sockets stream 0xFF bytes and 20 stream
 * `IAC DO x`, as fast as TCP lets them, each from its own loopback address
 * (127.0.0.10 and up), against a server in its own process with the shipped
 * limits. The two phases alternate, ROUNDS times, in the same run; reported
 * are each phase's p50/p99 per round and their medians, and the server's CPU.
 *
 * Traffic goes to 127.0.0.1 only; every loop is bounded in count and time.
 * MAID_BENCH_SECONDS=<n> sets each phase's length (default 10; --quick: 2);
 * MAID_BENCH_UNLIMITED_INPUT=1 runs the server without the input byte and
 * negotiation budgets, to show what they are worth.
 */
import net from 'node:net';
import { loadavg } from 'node:os';
import { median, percentile } from '../lib/measure';
import type { Suite, SuiteContext, SuiteReport } from '../lib/suite';
import { LoadClient } from '../server/load-client';
import type { ServerStatsMessage } from '../server/server-process';
import type { BenchChild } from '../lib/bench-child';
import { ServerProcess } from '../server/suite';

const IAC = 255;
const DO = 253;
const ATTACKERS_PER_KIND = 20;
const ROUNDS = 3;
/** Most bytes one attacker writes in a phase: bounds the loop if the server ever read without limit. */
const MAX_ATTACK_BYTES = 256 * 1024 * 1024;
/** Most looks per phase, and the gap between two. */
const MAX_LOOKS = 2000;
const LOOK_GAP_MS = 60; // under the 20 commands a second a session may run, so no look waits its turn

interface Phase {
  attack: boolean;
  /** Sessions on the server when the looks began: the bystander, and the attackers in an attack phase. */
  sessions: number;
  p50: number;
  p99: number;
  max: number;
  looks: number;
  serverCpu: number;
  attackBytes: number;
  /** Every look's round trip (ms), for the p99 over all rounds of a phase. */
  rtts: number[];
}

/** One attacker: streams `pattern` until `stop()`, respecting TCP backpressure, never past MAX_ATTACK_BYTES. */
function attacker(port: number, localAddress: string, pattern: Buffer): { stop(): Promise<number> } {
  const socket = net.connect({ port, host: '127.0.0.1', localAddress });
  socket.on('error', () => {});
  socket.on('data', () => {}); // read what the server says, as a real client would
  let running = true;
  let written = 0;
  const done = new Promise<void>((resolve) => {
    const pump = () => {
      while (running && written < MAX_ATTACK_BYTES && !socket.destroyed) {
        written += pattern.length;
        if (!socket.write(pattern)) {
          socket.once('drain', pump);
          return;
        }
      }
      resolve();
    };
    socket.once('connect', pump);
    socket.once('close', () => resolve());
  });
  return {
    async stop() {
      running = false;
      // A reset, not a FIN: with a FIN the server would go on reading the megabytes queued in its
      // socket (at the budget, for a minute) after the attacker left, and the next quiet phase would not be quiet.
      socket.resetAndDestroy();
      await Promise.race([done, new Promise((r) => setTimeout(r, 100))]);
      return written;
    },
  };
}

async function measureLooks(bystander: LoadClient, ms: number): Promise<number[]> {
  const rtts: number[] = [];
  const end = performance.now() + ms;
  while (performance.now() < end && rtts.length < MAX_LOOKS) {
    rtts.push(await bystander.command('look', 'Exits:'));
    await new Promise((r) => setTimeout(r, LOOK_GAP_MS));
  }
  return rtts;
}

async function phase(server: BenchChild, port: number, bystander: LoadClient, attack: boolean, ms: number): Promise<Phase> {
  const ff = Buffer.alloc(64 * 1024, 0xff);
  const doX = Buffer.concat(Array.from({ length: 20_000 }, (_, i) => Buffer.from([IAC, DO, 100 + (i % 100)])));
  const attackers = attack
    ? [
        ...Array.from({ length: ATTACKERS_PER_KIND }, (_, i) => attacker(port, `127.0.0.${10 + i}`, ff)),
        ...Array.from({ length: ATTACKERS_PER_KIND }, (_, i) => attacker(port, `127.0.0.${10 + ATTACKERS_PER_KIND + i}`, doX)),
      ]
    : [];
  await new Promise((r) => setTimeout(r, attack ? 500 : 0)); // the floods under way before the first look
  let before = await server.request<ServerStatsMessage>('stats');
  // The last phase's attackers gone from the server (it sees their resets when it next reads them, within a second).
  for (let waited = 0; !attack && before.sessions > 1 && waited < 5000; waited += 100) {
    await new Promise((r) => setTimeout(r, 100));
    before = await server.request<ServerStatsMessage>('stats');
  }
  const started = performance.now();
  const rtts = await measureLooks(bystander, ms);
  const wall = performance.now() - started;
  const after = await server.request<ServerStatsMessage>('stats');
  const written = await Promise.all(attackers.map((a) => a.stop()));
  const cpuMs = (after.cpu.user + after.cpu.system - before.cpu.user - before.cpu.system) / 1000;
  return {
    attack,
    sessions: before.sessions,
    p50: percentile(rtts, 50),
    p99: percentile(rtts, 99),
    max: rtts.reduce((a, b) => Math.max(a, b), 0),
    looks: rtts.length,
    serverCpu: cpuMs / wall,
    attackBytes: written.reduce((a, b) => a + b, 0),
    rtts,
  };
}

const ms = (n: number) => n.toFixed(2);

async function run(ctx: SuiteContext): Promise<SuiteReport> {
  const seconds = Number(process.env.MAID_BENCH_SECONDS ?? (ctx.quick ? 2 : 10));
  const unlimited = process.env.MAID_BENCH_UNLIMITED_INPUT === '1';
  const { server, port } = await ServerProcess.start(['--default-limits', ...(unlimited ? ['--unlimited-input'] : [])]);
  const loadBefore = loadavg();
  const phases: Phase[] = [];
  try {
    const bystander = await LoadClient.connect(port);
    await bystander.login('Bystander', 'bench-password-1');
    await measureLooks(bystander, 1000); // warm-up
    for (let round = 0; round < ROUNDS; round++) {
      for (const attack of [false, true]) {
        const result = await phase(server, port, bystander, attack, seconds * 1000);
        ctx.log(`round ${round + 1} ${attack ? 'attack ' : 'quiet  '}: look p50 ${ms(result.p50)} ms, p99 ${ms(result.p99)} ms over ${result.looks}; server CPU ${(result.serverCpu * 100).toFixed(0)}%`);
        phases.push(result);
      }
    }
    bystander.close();
  } finally {
    await server.stop();
  }
  const loadAfter = loadavg();
  const of = (attack: boolean) => phases.filter((p) => p.attack === attack);
  const quiet = of(false);
  const attacked = of(true);
  const summary = {
    quiet: { p50: median(quiet.map((p) => p.p50)), p99: median(quiet.map((p) => p.p99)), cpu: median(quiet.map((p) => p.serverCpu)) },
    attack: { p50: median(attacked.map((p) => p.p50)), p99: median(attacked.map((p) => p.p99)), cpu: median(attacked.map((p) => p.serverCpu)) },
  };
  const ratio = summary.attack.p99 / summary.quiet.p99;
  // A 10 s phase holds ~160 looks, so its p99 is its second-slowest look; over all rounds, ~490 looks, it is the fifth.
  const pooledP99 = (list: Phase[]) => percentile(list.flatMap((p) => p.rtts), 99);
  const pooled = { quiet: pooledP99(quiet), attack: pooledP99(attacked) };
  const pooledRatio = pooled.attack / pooled.quiet;
  return {
    tables: [
      {
        title: `A bystander's look round trip (ms), ${seconds} s per phase, ${ROUNDS} rounds; attack: ${ATTACKERS_PER_KIND} sockets streaming 0xFF and ${ATTACKERS_PER_KIND} streaming IAC DO x${unlimited ? '; server WITHOUT the input budgets' : ''}`,
        columns: ['round', 'phase', 'sessions', 'looks', 'p50', 'p99', 'max', 'server CPU', 'attack MB sent'],
        rows: phases.map((p, i) => [String(Math.floor(i / 2) + 1), p.attack ? 'attack' : 'quiet', String(p.sessions), String(p.looks), ms(p.p50), ms(p.p99), ms(p.max), `${(p.serverCpu * 100).toFixed(0)}%`, (p.attackBytes / 1e6).toFixed(1)]),
      },
      {
        title: 'Medians over the rounds',
        columns: ['phase', 'p50', 'p99', 'server CPU'],
        rows: [
          ['quiet', ms(summary.quiet.p50), ms(summary.quiet.p99), `${(summary.quiet.cpu * 100).toFixed(0)}%`],
          ['attack', ms(summary.attack.p50), ms(summary.attack.p99), `${(summary.attack.cpu * 100).toFixed(0)}%`],
        ],
      },
    ],
    notes: [
      `p99 under attack / quiet, medians of the rounds: ${ratio.toFixed(2)}× (the goal: within 2×)`,
      `p99 under attack / quiet, all rounds' looks pooled: ${ms(pooled.attack)} / ${ms(pooled.quiet)} ms = ${pooledRatio.toFixed(2)}×`,
      `load average before ${loadBefore.map((l) => l.toFixed(2)).join(' ')}, after ${loadAfter.map((l) => l.toFixed(2)).join(' ')}`,
    ],
    data: { unlimited, seconds, rounds: ROUNDS, attackersPerKind: ATTACKERS_PER_KIND, phases: phases.map(({ rtts: _rtts, ...rest }) => rest), summary, ratio, pooled, pooledRatio, loadBefore, loadAfter },
  };
}

const suite: Suite = {
  name: 'hostile',
  description: "a bystander's look while 40 sockets flood the server (0xFF and IAC DO x)",
  run,
};
export default suite;
