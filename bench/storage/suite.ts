/**
 * The storage suite: what the end-of-tick commit costs, through the default
 * driver (`SqliteStorage`, a real `world.db` in WAL mode, synchronous=NORMAL,
 * in a temp folder on disk).
 *
 * One op is one tick's commit of 1,000 changed entities, each written whole
 * with three components (a location, health, a described name of ~120 bytes),
 * as persistence hands them over; every commit changes every entity's health.
 * The world holds those 1,000 entities plus 9,000 more that no tick touches,
 * so the indexes are of a middling world, not an empty one. Rounds of 100
 * commits; a round's figure is its median commit.
 *
 * Independent of the driver's internals, so the same file measures another
 * release's driver (run it in that release's checkout) for a comparison.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteStorage } from '../../src/engine/storage';
import type { ChangeSet, EntityRecord } from '../../src/engine/storage';
import { median, now, percentile } from '../lib/measure';
import type { Suite } from '../lib/suite';

const CHANGED = 1_000;
const UNTOUCHED = 9_000;

function entity(i: number, tick: number): EntityRecord {
  return {
    id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    components: {
      Location: { version: 1, data: { room: `room-${i % 200}` } },
      Health: { version: 1, data: { current: (i + tick) % 100, max: 100 } },
      Described: { version: 1, data: { name: `a wandering guard #${i}`, text: 'A guard in a dented helmet walks the streets, whistling a tune nobody else remembers.' } },
    },
  };
}

function tickChanges(tick: number): ChangeSet {
  const upserts: EntityRecord[] = [];
  for (let i = 0; i < CHANGED; i++) upserts.push(entity(i, tick));
  return { upserts, deletes: [], tick };
}

const suite: Suite = {
  name: 'storage',
  description: 'the per-tick commit of 1,000 changed entities through the default storage driver',
  async run({ quick, log }) {
    const dir = mkdtempSync(join(tmpdir(), 'maid-bench-storage-'));
    const storage = new SqliteStorage({ dataDir: dir });
    try {
      await storage.open();
      const untouched: EntityRecord[] = [];
      for (let i = CHANGED; i < CHANGED + UNTOUCHED; i++) untouched.push(entity(i, 0));
      await storage.commit({ upserts: untouched, deletes: [] });
      const rounds = quick ? 3 : 15;
      const perRound = quick ? 20 : 100;
      let tick = 0;
      for (let i = 0; i < 50; i++) await storage.commit(tickChanges(++tick)); // warm-up
      const roundMedians: number[] = [];
      const all: number[] = [];
      for (let r = 0; r < rounds; r++) {
        const times: number[] = [];
        for (let i = 0; i < perRound; i++) {
          const changes = tickChanges(++tick); // built outside the timing: persistence hands it over ready
          const start = now();
          await storage.commit(changes);
          times.push(now() - start);
        }
        roundMedians.push(median(times));
        all.push(...times);
        log(`storage: round ${r + 1}/${rounds}: median commit ${median(times).toFixed(3)} ms`);
      }
      const rows = [
        ['median of round medians', `${median(roundMedians).toFixed(3)} ms`],
        ['fastest / slowest round median', `${Math.min(...roundMedians).toFixed(3)} / ${Math.max(...roundMedians).toFixed(3)} ms`],
        ['p99 of all commits', `${percentile(all, 99).toFixed(3)} ms`],
      ];
      return {
        tables: [{ title: `Commit of ${CHANGED.toLocaleString('en')} changed entities (3 components each) into a world of ${(CHANGED + UNTOUCHED).toLocaleString('en')}, node ${process.version}`, columns: ['measure', 'value'], rows }],
        notes: [`${rounds} rounds of ${perRound} commits; WAL, synchronous=NORMAL, on ${tmpdir()}`],
        data: { changed: CHANGED, untouched: UNTOUCHED, rounds, perRound, roundMediansMs: roundMedians, p99Ms: percentile(all, 99), node: process.version },
      };
    } finally {
      await storage.close();
      rmSync(dir, { recursive: true, force: true });
    }
  },
};

export default suite;
