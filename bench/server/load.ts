/**
 * The server benchmark's load, shared by the suites that play it (server,
 * gateway): characters logged in and spread over the town's rooms, then
 * each repeating a cycle of ten commands on a schedule.
 *
 * The cycle — look, hp, inventory, say, look, hp, inventory, a step to a
 * neighbouring room, look, the step back — makes a tenth of the commands
 * talk to the room and a fifth move (tell two rooms). A command's round trip
 * is from writing it to reading its answer and the prompt after it. The load
 * is scheduled: each player's next command is due `periodMs` after the
 * previous one was due; if an answer is late, the next command goes as soon
 * as it arrives (and counts as late).
 */
import { readFileSync } from 'node:fs';
import { parseArea } from '../../src/engine/host';
import { LoadClient } from './load-client';

export interface RoomData {
  key: string;
  exits: Record<string, string>;
}

// The town as its area file says (parsed by the engine's content layer): room keys and exits.
const town = parseArea('starter-world', 'areas/town.yaml', readFileSync(new URL('../../packs/starter-world/areas/town.yaml', import.meta.url), 'utf8'));
const rooms: { rooms: RoomData[]; start: string } = { rooms: town.area?.rooms ?? [], start: 'starter-world:town-square' };
const OPPOSITE: Record<string, string> = { north: 'south', south: 'north', east: 'west', west: 'east', up: 'down', down: 'up' };

/** Directions from the start room to each room (breadth first). */
function pathsFromStart(): Map<string, string[]> {
  const byKey = new Map(rooms.rooms.map((r) => [r.key, r]));
  const paths = new Map<string, string[]>([[rooms.start, []]]);
  const queue = [rooms.start];
  while (queue.length > 0) {
    const key = queue.shift() as string;
    for (const [dir, to] of Object.entries(byKey.get(key)?.exits ?? {})) {
      if (paths.has(to)) continue;
      paths.set(to, [...(paths.get(key) ?? []), dir]);
      queue.push(to);
    }
  }
  return paths;
}

/** A name of letters only, unique per index. */
export function nameFor(i: number): string {
  let s = '';
  let n = i;
  do {
    s = String.fromCharCode(97 + (n % 26)) + s;
    n = Math.floor(n / 26);
  } while (n > 0);
  return `Bench${s.padStart(3, 'a')}`;
}

export interface Player {
  client: LoadClient;
  /** The commands it repeats, each with a text its answer contains. */
  cycle: Array<[line: string, marker: string]>;
  /** Where in the cycle its next command is (a later run goes on from there, so a player away from home steps back first). */
  step: number;
}

function cycleFor(home: RoomData): Array<[string, string]> {
  const [dir] = Object.keys(home.exits);
  const step = dir ?? 'look';
  const back = dir ? (OPPOSITE[dir] ?? 'look') : 'look';
  return [
    ['look', 'Exits:'],
    ['hp', 'Health:'],
    ['inventory', 'You are carrying'],
    ['say hello there', 'You say,'],
    ['look', 'Exits:'],
    ['hp', 'Health:'],
    ['inventory', 'You are carrying'],
    [step, 'Exits:'],
    ['look', 'Exits:'],
    [back, 'Exits:'],
  ];
}

/**
 * Players `from` to `to - 1` (their names depend only on the index): each
 * connects, creates its character and walks to its room, 50 at a time.
 */
export async function logInPlayers(port: number, from: number, to: number): Promise<Player[]> {
  const paths = pathsFromStart();
  const players: Player[] = [];
  for (let batch = from; batch < to; batch += 50) {
    const made = await Promise.all(
      Array.from({ length: Math.min(50, to - batch) }, async (_, k) => {
        const i = batch + k;
        const client = await LoadClient.connect(port);
        await client.login(nameFor(i), 'bench-password-1');
        const home = rooms.rooms[i % rooms.rooms.length] as RoomData;
        for (const dir of paths.get(home.key) ?? []) await client.command(dir, 'Exits:');
        // Every player starts at home (offsets 0-7 come before the step out and back), at one of eight points of the cycle.
        return { client, cycle: cycleFor(home), step: i % 8 };
      }),
    );
    players.push(...made);
  }
  return players;
}

export interface LoadResult {
  /** Round trips of the answered commands, ms. */
  rtts: number[];
  sent: number;
  /** Sent more than half a period after they were due (the previous answer was overdue). */
  late: number;
  /** Not answered within the load client's timeout. */
  lost: number;
  elapsedSeconds: number;
}

/** Every player sends a command every `periodMs` for `seconds`, their starts spread over one period. */
export async function playLoad(players: Player[], seconds: number, periodMs: number, log: (line: string) => void): Promise<LoadResult> {
  const rtts: number[] = [];
  let late = 0;
  let lost = 0;
  let sent = 0;
  const started = performance.now();
  const endAt = started + seconds * 1000;
  const progress = setInterval(() => log(`  ${sent} commands sent, ${rtts.length} answered`), 10_000);
  await Promise.all(
    players.map(async (player, i) => {
      let due = started + (i / players.length) * periodMs;
      while (due < endAt && !player.client.closed) {
        const wait = due - performance.now();
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
        else if (wait < -periodMs / 2) late++;
        const [line, marker] = player.cycle[player.step] as [string, string];
        player.step = (player.step + 1) % player.cycle.length;
        sent++;
        const rtt = await player.client.command(line, marker);
        if (Number.isNaN(rtt)) lost++;
        else rtts.push(rtt);
        due += periodMs;
      }
    }),
  );
  clearInterval(progress);
  return { rtts, sent, late, lost, elapsedSeconds: (performance.now() - started) / 1000 };
}
