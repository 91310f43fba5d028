/**
 * `npm run bench -- runaway`: what the runaway guard costs a tick.
 *
 * One op is one tick of the system scheduler over N systems whose update
 * does a little work (a few additions), once with the guard on (the default
 * MAID_RUNAWAY_MS, 2000) and once off (0), compared in the same sessions.
 * A tick's systems run in one guarded batch, so the difference is the cost
 * of starting one guard (Node's vm timeout starts a watchdog thread) plus
 * naming each call, whatever N is. The same cost is paid once per batch of
 * commands that arrive together and per burst of timers. The ticks are
 * measured again with the cut-off by signal the engine host uses
 * (src/engine/core/runaway-signal.ts), which starts no thread per batch.
 */
import { compareFresh, consume, formatOps, type CaseResult } from '../lib/measure';
import type { Suite, SuiteContext, SuiteReport, Table } from '../lib/suite';
import { Logger } from '../../src/engine/core/logger';
import { RunawayGuard } from '../../src/engine/core/runaway-guard';
import { startSignalCutOff, stopSignalCutOff } from '../../src/engine/core/runaway-signal';
import { SystemScheduler } from '../../src/engine/systems/scheduler';
import { System } from '../../src/engine/systems/system';
import { World } from '../../src/engine/ecs/world';
import { defineCommand } from '../../src/engine/commands/define';
import { createTestEngine, TestPlayer } from '../../src/engine/testing';

const SIZES = [1, 10, 50, 200];

class SmallWork extends System {
  total = 0;
  update(delta: number): void {
    for (let i = 0; i < 8; i++) this.total += delta * i;
  }
}

function tickCase(name: string, systems: number, limitMs: number) {
  return {
    name,
    setup: () => {
      const world = new World();
      const scheduler = new SystemScheduler({ logger: new Logger('ERROR', []), failureLimit: 5, guard: new RunawayGuard(limitMs) });
      const list = Array.from({ length: systems }, () => new SmallWork(world));
      list.forEach((s, i) => scheduler.add(s, `pack-${i % 4}`));
      return {
        name,
        op: () => {
          // Every update is synchronous, so the whole tick runs inside this call.
          void scheduler.runTick(0.05);
          const first = list[0] as SmallWork;
          consume(first.total);
          return first.total;
        },
      };
    },
  };
}

/** CPU time (all threads: the watchdog's too) of one tick, in µs, over `ticks` ticks. */
function cpuPerTickUs(systems: number, limitMs: number, ticks: number): number {
  const op = tickCase('cpu', systems, limitMs).setup().op;
  for (let i = 0; i < Math.min(ticks, 200); i++) op();
  const before = process.cpuUsage();
  for (let i = 0; i < ticks; i++) op();
  const used = process.cpuUsage(before);
  return (used.user + used.system) / ticks;
}

export interface TickCost {
  systems: number;
  /** CPU µs per tick, guarded and not (wall time above is what a tick waits; this is what it burns). */
  guardedCpuUs: number;
  unguardedCpuUs: number;
  guarded: CaseResult;
  unguarded: CaseResult;
  guardedTickUs: number;
  unguardedTickUs: number;
  guardCostUs: number;
}

export function runTickCost(context: SuiteContext, sizes: readonly number[] = SIZES): TickCost[] {
  const out: TickCost[] = [];
  for (const systems of sizes) {
    context.log(`runaway: tick of ${systems} system(s), guarded vs unguarded`);
    const [guarded, unguarded] = compareFresh([tickCase('guarded', systems, 2000), tickCase('unguarded', systems, 0)], context.options) as [CaseResult, CaseResult];
    const guardedTickUs = 1e6 / guarded.opsPerSec.median;
    const unguardedTickUs = 1e6 / unguarded.opsPerSec.median;
    const cpuTicks = context.quick ? 300 : 3000;
    const guardedCpuUs = cpuPerTickUs(systems, 2000, cpuTicks);
    const unguardedCpuUs = cpuPerTickUs(systems, 0, cpuTicks);
    out.push({ systems, guardedCpuUs, unguardedCpuUs, guarded, unguarded, guardedTickUs, unguardedTickUs, guardCostUs: guardedTickUs - unguardedTickUs });
  }
  return out;
}

const BATCHES = [1, 10, 100];

export interface CommandCost {
  /** Commands that arrive together (one per player), run as one batch. */
  batch: number;
  guardedUs: number;
  unguardedUs: number;
  guardedCpuUs: number;
  unguardedCpuUs: number;
}

/** Wall and CPU µs per command when `batch` players' commands arrive together, through engine.executeCommand. */
async function commandCost(batch: number, limitMs: number, rounds: number): Promise<{ us: number; cpuUs: number }> {
  const ping = defineCommand({ name: 'ping', help: 'p', handler: (ctx) => ctx.session.send('pong') });
  const t = await createTestEngine({ packs: [{ manifest: { name: 'bench', version: '1.0.0', dependencies: [] }, getCommands: () => [ping] }], settings: { runawayMs: limitMs, logLevel: 'ERROR' } });
  const players = Array.from({ length: batch }, (_, i) => TestPlayer.login(t.engine, `P${i}`));
  const round = () => Promise.all(players.map((p) => t.engine.executeCommand(p, p.entity, 'ping')));
  for (let i = 0; i < Math.min(rounds, 50); i++) await round();
  for (const p of players) p.received.length = 0;
  const cpu = process.cpuUsage();
  const started = performance.now();
  for (let i = 0; i < rounds; i++) {
    await round();
    if (i % 50 === 0) for (const p of players) p.received.length = 0;
  }
  const wall = performance.now() - started;
  const used = process.cpuUsage(cpu);
  await t.stop();
  const commands = rounds * batch;
  return { us: (wall * 1000) / commands, cpuUs: (used.user + used.system) / commands };
}

export async function runCommandCost(context: SuiteContext, batches: readonly number[] = BATCHES): Promise<CommandCost[]> {
  const out: CommandCost[] = [];
  for (const batch of batches) {
    context.log(`runaway: ${batch} command(s) arriving together, guarded vs unguarded`);
    const rounds = Math.max(20, Math.round((context.quick ? 2_000 : 20_000) / batch));
    const unguarded = await commandCost(batch, 0, rounds);
    const guarded = await commandCost(batch, 2000, rounds);
    out.push({ batch, guardedUs: guarded.us, unguardedUs: unguarded.us, guardedCpuUs: guarded.cpuUs, unguardedCpuUs: unguarded.cpuUs });
  }
  return out;
}

const suite: Suite = {
  name: 'runaway',
  description: 'cost of the runaway guard per tick (a tick of N systems, guarded vs unguarded, same run)',
  async run(context): Promise<SuiteReport> {
    const results = runTickCost(context);
    const commands = await runCommandCost(context);
    context.log('runaway: the ticks again, cut off by signal (as in the engine host)');
    const bySignal = (await startSignalCutOff()) ? runTickCost(context) : undefined;
    await stopSignalCutOff();
    const table: Table = {
      columns: ['systems', 'unguarded tick (µs)', 'guarded tick, vm timeout (µs)', 'guard cost per tick (µs)', 'CPU per tick unguarded / guarded (µs)', 'guarded ticks/s', 'guarded tick, by signal (µs)', 'guard cost by signal (µs)', 'CPU per tick by signal (µs)'],
      rows: results.map((r, i) => {
        const s = bySignal?.[i];
        return [
          String(r.systems),
          r.unguardedTickUs.toFixed(2),
          r.guardedTickUs.toFixed(2),
          r.guardCostUs.toFixed(1),
          `${r.unguardedCpuUs.toFixed(1)} / ${r.guardedCpuUs.toFixed(1)}`,
          formatOps(r.guarded.opsPerSec.median),
          s ? s.guardedTickUs.toFixed(2) : 'n/a',
          s ? s.guardCostUs.toFixed(1) : 'n/a',
          s ? s.guardedCpuUs.toFixed(1) : 'n/a',
        ];
      }),
    };
    const at10Hz = results.map((r) => `${r.systems}: ${((r.guardCostUs * 10) / 1000).toFixed(2)} ms/s`).join(', ');
    const commandTable: Table = {
      title: 'Commands that arrive together (one per player, through engine.executeCommand), per command',
      columns: ['commands per batch', 'unguarded (µs)', 'guarded (µs)', 'CPU unguarded / guarded (µs)'],
      rows: commands.map((c) => [String(c.batch), c.unguardedUs.toFixed(1), c.guardedUs.toFixed(1), `${c.unguardedCpuUs.toFixed(1)} / ${c.guardedCpuUs.toFixed(1)}`]),
    };
    return {
      tables: [table, commandTable],
      notes: [
        'One guard per tick whatever the number of systems: the cost is starting a vm timeout (a watchdog thread), not the systems.',
        bySignal ? 'By signal: the same ticks once this process cuts off by signal (a worker watching the batches raises SIGINT past the limit; vm breakOnSigint), as the engine host does.' : 'By signal: not available in this process (Windows, or it listens for SIGINT).',
        `At the default 10 ticks/s the guard costs, per second of game time, by system count: ${at10Hz}.`,
      ],
      data: {
        commands,
        ticksBySignal: bySignal?.map((r) => ({ systems: r.systems, guardedCpuUs: r.guardedCpuUs, guardedTickUs: r.guardedTickUs, guardCostUs: r.guardCostUs })),
        ticks: results.map((r) => ({ systems: r.systems, guardedCpuUs: r.guardedCpuUs, unguardedCpuUs: r.unguardedCpuUs, guardedTickUs: r.guardedTickUs, unguardedTickUs: r.unguardedTickUs, guardCostUs: r.guardCostUs, guarded: r.guarded.opsPerSec, unguarded: r.unguarded.opsPerSec })),
      },
    };
  },
};

export default suite;
