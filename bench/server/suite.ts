/**
 * `npm run bench -- server`: 1,000 logged-in telnet sessions, each sending a
 * command every 200 ms (5,000 commands/s) for 60 s, against a server in its
 * own process (SQLite persistence on, the shipped packs).
 *
 * Players spread over the town's rooms; each repeats a cycle of ten
 * commands — look, hp, inventory, say, look, hp, inventory, a step to a
 * neighbouring room, look, the step back — so a tenth of the commands talk
 * to the room and a fifth move (tell two rooms). A command's round trip is
 * from writing it to reading its answer and the prompt after it. The load is
 * scheduled: each player's next command is due 200 ms after the previous
 * one was due; if an answer is late, the next command goes as soon as it
 * arrives (and counts as late).
 *
 * Reported: dropped sessions, p50/p90/p99/max round trip, commands/s
 * achieved, the server's CPU (user+system over wall time) and event-loop
 * delay, memory per session (RSS and heap after the logins, over before,
 * after a GC).
 *
 * MAID_BENCH_SECONDS=<n> shortens or lengthens the measured run;
 * MAID_BENCH_PROFILE=<dir> writes a V8 CPU profile of the server there.
 */
import { BenchChild } from '../lib/bench-child';
import { percentile } from '../lib/measure';
import type { Suite, SuiteContext, SuiteReport } from '../lib/suite';
import { logInPlayers, playLoad } from './load';
import type { ServerStatsMessage } from './server-process';

/**
 * The server in its own process (server-process.ts); `args`: `--default-limits` for the shipped limits, not the load test's raised ones;
 * `nodeOptions`: more of node's own options (the gateway bench gives it the GC flag the gateway's processes run with).
 */
export const ServerProcess = {
  async start(args: string[] = [], nodeOptions: string[] = []): Promise<{ server: BenchChild; port: number }> {
    const profile = process.env.MAID_BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.MAID_BENCH_PROFILE}`] : [];
    const { proc, first } = await BenchChild.start<{ port: number }>(new URL('./server-process.ts', import.meta.url), ['--import', 'tsx', '--expose-gc', ...nodeOptions, ...profile], { args });
    return { server: proc, port: first.port };
  },
};

async function run(ctx: SuiteContext): Promise<SuiteReport> {
  const sessions = ctx.quick ? 100 : 1000;
  const seconds = Number(process.env.MAID_BENCH_SECONDS ?? (ctx.quick ? 10 : 60));
  const periodMs = 200;
  const { server, port } = await ServerProcess.start();
  try {
    const idle = await server.request<ServerStatsMessage>('stats');

    // Log everyone in, 50 at a time, then walk each to its room.
    const loginStarted = performance.now();
    const players = await logInPlayers(port, 0, sessions);
    const loginSeconds = (performance.now() - loginStarted) / 1000;
    ctx.log(`${sessions} sessions logged in and placed in ${loginSeconds.toFixed(1)} s`);
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const loaded = await server.request<ServerStatsMessage>('stats');

    // The measured run.
    await server.request('reset-loop');
    const before = await server.request<ServerStatsMessage>('stats');
    const clientCpuBefore = process.cpuUsage();
    const { rtts, sent, late, lost, elapsedSeconds: elapsed } = await playLoad(players, seconds, periodMs, ctx.log);
    const clientCpu = process.cpuUsage(clientCpuBefore);
    const after = await server.request<ServerStatsMessage>('stats');
    const dropped = players.filter((p) => p.client.closed).length;
    for (const p of players) p.client.close();

    const cpuSeconds = (after.cpu.user + after.cpu.system - before.cpu.user - before.cpu.system) / 1e6;
    const perSession = (a: number, b: number) => (a - b) / sessions / 1024;
    const ms = (x: number) => x.toFixed(2);
    const result = {
      sessions,
      seconds: elapsed,
      periodMs,
      commands: sent,
      commandsPerSecond: sent / elapsed,
      lateCommands: late,
      unansweredCommands: lost,
      droppedSessions: dropped,
      rttMs: { p50: percentile(rtts, 50), p90: percentile(rtts, 90), p99: percentile(rtts, 99), max: rtts.reduce((a, b) => Math.max(a, b), 0) },
      serverCpuPercent: (cpuSeconds / elapsed) * 100,
      serverEventLoopDelayMs: after.loop,
      loadGeneratorCpuPercent: ((clientCpu.user + clientCpu.system) / 1e6 / elapsed) * 100,
      ticksPerSecond: (after.ticks - before.ticks) / elapsed,
      commitsPerSecond: (after.commits - before.commits) / elapsed,
      memory: {
        rssIdleMB: idle.memory.rss / 2 ** 20,
        rssLoadedMB: loaded.memory.rss / 2 ** 20,
        rssEndMB: after.memory.rss / 2 ** 20,
        heapIdleMB: idle.memory.heapUsed / 2 ** 20,
        heapLoadedMB: loaded.memory.heapUsed / 2 ** 20,
        rssPerSessionKB: perSession(loaded.memory.rss, idle.memory.rss),
        heapPerSessionKB: perSession(loaded.memory.heapUsed, idle.memory.heapUsed),
      },
      loginSeconds,
      entities: after.entities,
    };
    return {
      tables: [
        {
          title: `${sessions} telnet sessions, a command every ${periodMs} ms each, ${elapsed.toFixed(0)} s`,
          columns: ['measure', 'value'],
          rows: [
            ['commands/s achieved', result.commandsPerSecond.toFixed(0)],
            ['dropped sessions', String(dropped)],
            ['late commands (previous answer overdue)', String(late)],
            ['unanswered commands (10 s)', String(lost)],
            ['round trip p50 (ms)', ms(result.rttMs.p50)],
            ['round trip p90 (ms)', ms(result.rttMs.p90)],
            ['round trip p99 (ms)', ms(result.rttMs.p99)],
            ['round trip max (ms)', ms(result.rttMs.max)],
            ['server CPU (% of one core)', result.serverCpuPercent.toFixed(0)],
            ['server event-loop delay p99 (ms)', ms(after.loop.p99)],
            ['load generator CPU (% of one core)', result.loadGeneratorCpuPercent.toFixed(0)],
            ['ticks/s (10 wanted)', result.ticksPerSecond.toFixed(1)],
            ['server RSS idle → loaded (MB)', `${result.memory.rssIdleMB.toFixed(0)} → ${result.memory.rssLoadedMB.toFixed(0)}`],
            ['RSS per session (KB)', result.memory.rssPerSessionKB.toFixed(1)],
            ['heap per session (KB)', result.memory.heapPerSessionKB.toFixed(1)],
          ],
        },
      ],
      notes: [
        `Logins: ${sessions} characters created in ${loginSeconds.toFixed(1)} s with cheap scrypt parameters (N=1024); the measurement is about commands.`,
        'The load generator runs in the bench process, the server in a child process: they share the machine\'s cores.',
      ],
      data: result,
    };
  } finally {
    await server.stop();
  }
}

const suite: Suite = {
  name: 'server',
  description: '1,000 telnet sessions at 5 commands/s each: round trip, CPU, memory per session',
  run,
};

export default suite;
