/**
 * `npm run bench -- content`: the world as data.
 *
 * 1. Loading and validating 5,000 rooms, 2,000 prototypes and 10,000 spawns
 *    (25 area files of one pack) as at start: read + parse + validate, then
 *    putting them onto an empty world.
 * 2. Reloading one edited area of 200 rooms while 500 players are online
 *    (a server in its own process, players over telnet sending `look` every
 *    200 ms): the reload's time, and the players' round trips meanwhile.
 *    Targets: reload median under 20 ms; players' p99 under 25 ms.
 * 3. A save of the town's area file with the watcher on, as `maid server
 *    start` has it, to the next `look` that shows the new description, for
 *    a player standing in the room (the check of issue 12). Target: median
 *    within the debounce plus 50 ms.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ContentLayer, GameEngine, getSettings, World } from '../../src/engine/host';
import { median, percentile } from '../lib/measure';
import type { Suite, SuiteContext, SuiteReport } from '../lib/suite';
import { LoadClient } from '../server/load-client';
import { BIG, worldFiles, writeContentPack } from './generate';

const ms = (x: number) => x.toFixed(2);
const shipped = fileURLToPath(new URL('../../packs/', import.meta.url));

/** Times of one cold load of the big world: read+parse+validate, and apply, in ms. */
async function loadBigWorld(ctx: SuiteContext, rounds: number): Promise<{ prepare: number[]; apply: number[]; entities: number }> {
  const packsDir = mkdtempSync(join(tmpdir(), 'maid-bench-world-'));
  for (const name of ['starter-world', 'combat']) cpSync(join(shipped, name), join(packsDir, name), { recursive: true });
  const dir = writeContentPack(packsDir, 'bench-world', worldFiles(BIG));
  // An engine with the town and combat gives the components and the content the bench world refers to.
  const engine = new GameEngine(getSettings({ env: {}, overrides: { logLevel: 'WARNING' } }), { logSinks: [] });
  for (const name of ['starter-world', 'combat']) await engine.loadPackFromPath(join(packsDir, name));
  await engine.start({ autoTick: false });
  const components = engine.world.registeredComponents();
  const prepare: number[] = [];
  const apply: number[] = [];
  let entities = 0;
  for (let r = 0; r < rounds; r++) {
    // A fresh world and content layer each round: nothing parsed or spawned before.
    const world = new World();
    for (const c of components) world.registerComponent(c, engine.world.componentOwner(c.name));
    const layer = new ContentLayer(world);
    for (const name of ['starter-world', 'combat']) {
      const base = layer.prepare(name, join(packsDir, name, 'areas'), join(packsDir, name));
      layer.apply(base);
      layer.commit(base);
    }
    const t0 = performance.now();
    const prepared = layer.prepare('bench-world', join(dir, 'areas'), dir);
    const t1 = performance.now();
    layer.apply(prepared);
    const t2 = performance.now();
    layer.commit(prepared);
    prepare.push(t1 - t0);
    apply.push(t2 - t1);
    entities = world.entityCount;
    ctx.log(`  big world round ${r + 1}/${rounds}: prepare ${ms(t1 - t0)} ms, apply ${ms(t2 - t1)} ms`);
  }
  await engine.stop();
  return { prepare, apply, entities };
}

class AreaServer {
  private readonly waiting: ((m: Record<string, unknown>) => void)[] = [];
  private constructor(private readonly child: ChildProcess) {
    child.on('message', (m: Record<string, unknown>) => this.waiting.shift()?.(m));
  }

  static async start(): Promise<{ server: AreaServer; port: number; town: string }> {
    const script = fileURLToPath(new URL('./server-process.ts', import.meta.url));
    const child = fork(script, [], { execArgv: ['--import', 'tsx', '--expose-gc'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    const server = new AreaServer(child);
    const first = await server.next();
    return { server, port: first.port as number, town: first.town as string };
  }

  next(): Promise<Record<string, unknown>> {
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  async reload(): Promise<{ success: boolean; ms: number; error?: string }> {
    const reply = this.next();
    this.child.send({ type: 'reload' });
    return (await reply) as { success: boolean; ms: number; error?: string };
  }

  /** Turns the watcher on; the debounce it runs with, in ms. */
  async watch(): Promise<number> {
    const reply = this.next();
    this.child.send({ type: 'watch' });
    return (await reply).debounceMs as number;
  }

  /** The next reload of starter-world a save caused. */
  async nextSave(): Promise<{ success: boolean; error?: string; changed: string[] }> {
    return (await this.next()) as { success: boolean; error?: string; changed: string[] };
  }

  async stop(): Promise<void> {
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.send({ type: 'stop' });
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
    this.child.kill('SIGKILL');
  }
}

/** Reloads of the 200-room area with players online: reload times, and round trips of commands answered while a reload ran. */
async function reloadWithPlayers(ctx: SuiteContext, sessions: number, reloads: number): Promise<{ reloadMs: number[]; during: number[]; all: number[]; lost: number }> {
  const { server, port } = await AreaServer.start();
  const players: LoadClient[] = [];
  try {
    for (let batch = 0; batch < sessions; batch += 50) {
      const made = await Promise.all(
        Array.from({ length: Math.min(50, sessions - batch) }, async (_, k) => {
          const client = await LoadClient.connect(port);
          await client.login(`Reader${String.fromCharCode(97 + ((batch + k) % 26))}${String.fromCharCode(97 + Math.floor((batch + k) / 26) % 26)}${String.fromCharCode(97 + Math.floor((batch + k) / 676))}`, 'bench-password-1');
          await client.command('down', 'Exits:');
          for (let step = 0; step < (batch + k) % 10; step++) await client.command('east', 'Exits:');
          return client;
        }),
      );
      players.push(...made);
    }
    ctx.log(`${players.length} players in the area`);
    const windows: [number, number][] = [];
    const all: number[] = [];
    const during: number[] = [];
    let lost = 0;
    let running = true;
    const periodMs = 200;
    const started = performance.now();
    const load = Promise.all(
      players.map(async (client, i) => {
        let due = started + (i / players.length) * periodMs;
        while (running && !client.closed) {
          const wait = due - performance.now();
          if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
          const sentAt = performance.now();
          const rtt = await client.command('look', 'Exits:');
          if (Number.isNaN(rtt)) lost++;
          else {
            all.push(rtt);
            // Answered while a reload ran, or sent during one.
            if (windows.some(([a, b]) => sentAt <= b && sentAt + rtt >= a)) during.push(rtt);
          }
          due += periodMs;
        }
      }),
    );
    const reloadMs: number[] = [];
    await new Promise((resolve) => setTimeout(resolve, 1000));
    for (let r = 0; r < reloads; r++) {
      const a = performance.now();
      const result = await server.reload();
      windows.push([a, performance.now()]);
      if (!result.success) throw new Error(`reload failed: ${result.error}`);
      reloadMs.push(result.ms);
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    running = false;
    await load;
    return { reloadMs, during, all, lost };
  } finally {
    for (const p of players) p.close();
    await server.stop();
  }
}

/** Times from a save of town.yaml (one word of the square's description changed) to the answer of the next `look`, which shows it. */
async function saveToLook(ctx: SuiteContext, saves: number): Promise<{ debounceMs: number; totals: number[]; looks: number[] }> {
  const { server, port, town } = await AreaServer.start();
  const client = await LoadClient.connect(port);
  try {
    const debounceMs = await server.watch();
    await client.login('Watcher', 'bench-password-1');
    await client.command('look', 'Town Square');
    const original = readFileSync(town, 'utf8');
    const from = 'around a dry\n      fountain.';
    if (!original.includes(from)) throw new Error(`town.yaml no longer has "${from}"`);
    const totals: number[] = [];
    const looks: number[] = [];
    for (let n = 0; n < saves; n++) {
      const mark = `Chalk${n}mark`;
      const saved = server.nextSave();
      const t0 = performance.now();
      writeFileSync(town, original.replace(from, `around a dry\n      fountain. ${mark}.`));
      const result = await saved;
      if (!result.success) throw new Error(`reload of the save failed: ${result.error}`);
      if (!result.changed.includes('starter-world:town-square')) throw new Error(`the save changed ${JSON.stringify(result.changed)}, not the square`);
      const look = await client.command('look', mark);
      if (Number.isNaN(look)) throw new Error(`look did not show ${mark} within 10 s`);
      totals.push(performance.now() - t0);
      looks.push(look);
      ctx.log(`  save ${n + 1}/${saves}: shown after ${ms(totals[n]!)} ms (look ${ms(look)} ms)`);
    }
    return { debounceMs, totals, looks };
  } finally {
    client.close();
    await server.stop();
  }
}

const suite: Suite = {
  name: 'content',
  description: 'area files: loading and validating a big world; reloading a 200-room area with 500 players online; a save to the next look that shows it',
  async run(ctx): Promise<SuiteReport> {
    const big = await loadBigWorld(ctx, ctx.quick ? 1 : 5);
    const live = await reloadWithPlayers(ctx, ctx.quick ? 50 : 500, ctx.quick ? 5 : 40);
    const save = await saveToLook(ctx, ctx.quick ? 5 : 20);
    const saveTarget = save.debounceMs + 50;
    const data = {
      load: { rooms: BIG.files * BIG.roomsPerFile, prototypes: BIG.files * BIG.prototypesPerFile, spawns: BIG.files * BIG.spawnsPerFile, entities: big.entities, prepareMedianMs: median(big.prepare), applyMedianMs: median(big.apply), samples: big },
      reload: {
        rooms: 200,
        reloads: live.reloadMs.length,
        medianMs: median(live.reloadMs),
        p90Ms: percentile(live.reloadMs, 90),
        playersP99Ms: percentile(live.during, 99),
        allP99Ms: percentile(live.all, 99),
        answeredDuring: live.during.length,
        lost: live.lost,
      },
      save: { saves: save.totals.length, debounceMs: save.debounceMs, medianMs: median(save.totals), p90Ms: percentile(save.totals, 90), lookMedianMs: median(save.looks), samples: save },
    };
    return {
      tables: [
        {
          title: `Loading ${data.load.rooms} rooms, ${data.load.prototypes} prototypes, ${data.load.spawns} spawns (ms, median of ${big.prepare.length})`,
          columns: ['step', 'median'],
          rows: [
            ['read + parse + validate', ms(data.load.prepareMedianMs)],
            [`apply to an empty world (${data.load.entities} entities)`, ms(data.load.applyMedianMs)],
          ],
        },
        {
          title: 'Reloading one edited area of 200 rooms with players online (ms)',
          columns: ['measure', 'value', 'target', 'met'],
          rows: [
            ['reload, median', ms(data.reload.medianMs), '< 20', data.reload.medianMs < 20 ? 'yes' : 'NO'],
            ['reload, p90', ms(data.reload.p90Ms), '', ''],
            [`players' round trip during reloads, p99 (${data.reload.answeredDuring} commands)`, ms(data.reload.playersP99Ms), '< 25', data.reload.playersP99Ms < 25 ? 'yes' : 'NO'],
            ["players' round trip over the whole run, p99", ms(data.reload.allP99Ms), '', ''],
          ],
        },
        {
          title: `A save of the town's area file to the next look that shows it, watcher on (ms, ${data.save.saves} saves)`,
          columns: ['measure', 'value', 'target', 'met'],
          rows: [
            ['save to the look that shows it, median', ms(data.save.medianMs), `≤ ${saveTarget} (debounce ${save.debounceMs} + 50)`, data.save.medianMs <= saveTarget ? 'yes' : 'NO'],
            ['the same, p90', ms(data.save.p90Ms), '', ''],
            ['of which the look, median', ms(data.save.lookMedianMs), '', ''],
          ],
        },
      ],
      notes: [`${live.lost} commands lost (no answer within 10 s)`],
      data,
    };
  },
};

export default suite;
