/**
 * `npm run bench -- inspect`: what the World panel costs the engine.
 *
 * A world of 100,000 entities (1,000 players with Player, Health and
 * Location; NPCs, items and rooms for the rest). Timed in the engine, as the
 * engine host answers them: the first page of the list (200 rows) with no
 * filter, the same with a search by name and with a component query
 * (`Health not Player`), each with the page serialised as it crosses the
 * link (v8, the IPC channel's structured clone). Targets: the first list
 * under 500 ms, a query filter under 200 ms.
 *
 * Then the live update on a busy world: every tick all 1,000 players' Health
 * changes, one entity is watched (the panel shows one), and the engine's cost
 * per tick is the watch's delta plus its frame serialised. Target: far under
 * 1 ms a tick. Also with 16 entities watched (16 studio windows), and with
 * the Map panel open too: its markers' delta (1,000 players and 9,900 NPCs
 * placed, a tenth of the players walking each tick) and its frame.
 */
import { serialize } from 'node:v8';
import { percentile, summarize } from '../lib/measure';
import type { Suite, SuiteContext, SuiteReport } from '../lib/suite';
import { defineComponent } from '../../src/engine/ecs/component';
import { World } from '../../src/engine/ecs/world';
import { EntityWatch, listEntities, type EntityListRequest } from '../../src/engine/inspect';
import { MarkerWatch } from '../../src/engine/map';

const Player = defineComponent({ name: 'Player', defaults: () => ({ name: '' }) });
const Health = defineComponent({ name: 'Health', defaults: () => ({ current: 100, max: 100 }) });
// Immutable, as the starter world's: a move replaces the data.
const Location = defineComponent({ name: 'Location', defaults: () => ({ room: '' }), immutable: true });
const Describable = defineComponent({ name: 'Describable', defaults: () => ({ name: 'something', keywords: [] as string[], description: '' }) });
const Item = defineComponent({ name: 'Item', defaults: () => ({ portable: true }) });
const Npc = defineComponent({ name: 'Npc', defaults: () => ({ damage: 2, respawnSeconds: 20 }) });

const ENTITIES = 100_000;
const PLAYERS = 1_000;

function buildWorld(): { world: World; players: ReturnType<World['createEntity']>[] } {
  const world = new World();
  for (const type of [Player, Health, Location, Describable, Item, Npc]) world.registerComponent(type, 'bench');
  const players = [];
  for (let i = 0; i < PLAYERS; i++) players.push(world.createEntity().add(Player, { name: `Player${i}` }).add(Health).add(Location, { room: `bench:room-${i % 500}` }));
  for (let i = PLAYERS; i < ENTITIES; i++) {
    const e = world.createEntity().add(Describable, { name: `thing ${i}`, keywords: ['thing'], description: 'A thing.' }).add(Location, { room: `bench:room-${i % 500}` });
    if (i % 10 === 0) e.add(Npc).add(Health, { current: 30, max: 30 });
    else e.add(Item);
  }
  return { world, players };
}

interface Timed {
  what: string;
  firstMs: number;
  medianMs: number;
  p90Ms: number;
  matched: number;
  targetMs: number;
}

function timeList(world: World, what: string, request: EntityListRequest, runs: number, targetMs: number): Timed {
  const once = () => {
    const began = performance.now();
    const page = listEntities(world, { ...request, limit: 200 });
    serialize({ t: 'response', id: 1, ok: true, body: page });
    return { ms: performance.now() - began, total: page.total };
  };
  const first = once();
  const times = Array.from({ length: runs }, () => once().ms);
  return { what, firstMs: first.ms, medianMs: percentile(times, 50), p90Ms: percentile(times, 90), matched: first.total, targetMs };
}

function liveCost(players: ReturnType<World['createEntity']>[], world: World, watched: number, ticks: number, withMap = false) {
  const watch = new EntityWatch(world);
  watch.watch(players.slice(0, watched).map((p) => p.id));
  const markers = new MarkerWatch({ world });
  markers.setOpen(withMap);
  const perTick: number[] = [];
  for (let tick = 1; tick <= ticks; tick++) {
    // The busy world's tick: every player's health changes, a tenth of them walk (outside the measured part: the game's own work).
    for (const p of players) p.write(Health).current = (tick + p.handle) % 100;
    for (let i = tick % 10; i < players.length; i += 10) (players[i] as (typeof players)[number]).add(Location, { room: `bench:room-${(tick + i) % 500}` });
    const began = performance.now();
    const deltas = watch.deltas(tick);
    if (deltas.length > 0) serialize({ t: 'entity', deltas });
    const moved = markers.delta(tick);
    if (moved) serialize({ t: 'map', delta: moved });
    // The first tenth warms up (compilation, the first frames' allocations).
    if (tick > ticks / 10) perTick.push((performance.now() - began) * 1000);
  }
  return summarize(perTick);
}

const fmt = (ms: number) => (ms < 10 ? ms.toFixed(2) : ms.toFixed(0));

const suite: Suite = {
  name: 'inspect',
  description: "the World panel's cost to the engine: the entity list over 100,000 entities, and the live update of a watched entity per tick",
  run(context: SuiteContext): SuiteReport {
    context.log('inspect: building a world of 100,000 entities');
    const { world, players } = buildWorld();
    const runs = context.quick ? 5 : 30;
    context.log('inspect: the entity list');
    const lists = [
      timeList(world, 'first page, no filter', {}, runs, 500),
      timeList(world, 'search by name ("player99")', { search: 'player99' }, runs, 500),
      timeList(world, 'query "Health not Player"', { query: 'Health not Player' }, runs, 200),
      timeList(world, 'query "Player Health Location"', { query: 'Player Health Location' }, runs, 200),
    ];
    context.log('inspect: the live update, 1,000 players changing every tick');
    const ticks = context.quick ? 200 : 2000;
    const live = [
      { what: '1 entity', stats: liveCost(players, world, 1, ticks) },
      { what: '16 entities', stats: liveCost(players, world, 16, ticks) },
      { what: '1 entity and the map', stats: liveCost(players, world, 1, ticks, true) },
    ];
    return {
      tables: [
        {
          title: `Entity list over ${ENTITIES.toLocaleString('en')} entities (200 rows a page, serialised for the link; ${runs} runs)`,
          columns: ['request', 'matched', 'first (ms)', 'median (ms)', 'p90 (ms)', 'target (ms)'],
          rows: lists.map((l) => [l.what, l.matched.toLocaleString('en'), fmt(l.firstMs), fmt(l.medianMs), fmt(l.p90Ms), `< ${l.targetMs}`]),
        },
        {
          title: `Live update per tick, ${PLAYERS.toLocaleString('en')} players all changing every tick and a tenth walking (${ticks} ticks)`,
          columns: ['watched', 'median (µs)', 'p90 (µs)', 'max (µs)', 'target'],
          rows: live.map((l) => [l.what, l.stats.median.toFixed(1), l.stats.p90.toFixed(1), l.stats.max.toFixed(1), '< 1000 µs']),
        },
      ],
      notes: ["Timed in the engine (what the engine host spends answering); the trip over the IPC channel and the studio host's HTTP answer come on top."],
      data: { entities: ENTITIES, players: PLAYERS, lists, live: live.map((l) => ({ watched: l.what, ...l.stats })) },
    };
  },
};

export default suite;
