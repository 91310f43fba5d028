/**
 * Runaway pack code over real sockets: a command that loops forever, and an
 * async system update that never settles. The engine cuts the first off and
 * leaves the second behind; both players stay connected and the game (its
 * ticks, its saving) goes on.
 */
import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { CutOffRecord, GameEngine } from '../../src/engine/host';
import { SqliteStorage } from '../../src/engine/storage';
import { useServers } from './kit/harness';

const { server, client } = useServers();
const fixtures = fileURLToPath(new URL('./fixtures/', import.meta.url));

/** A fresh copy of a fixture pack (tests never touch the originals). */
function copyFixture(name: string): string {
  const dir = join(mkdtempSync(join(tmpdir(), `maid-${name}-`)), name);
  cpSync(join(fixtures, name), dir, { recursive: true });
  return dir;
}

/** 1-based line and column of the first `text` in a file. */
function positionOf(file: string, text: string): { line: number; column: number } {
  const lines = readFileSync(file, 'utf8').split('\n');
  const line = lines.findIndex((l) => l.includes(text));
  if (line < 0) throw new Error(`${text} is not in ${file}`);
  return { line: line + 1, column: (lines[line] as string).indexOf(text) + 1 };
}

function nextCutOff(engine: GameEngine): Promise<CutOffRecord> {
  return new Promise((resolve) => {
    const sub = engine.hotReload.onCutOff.on((record) => {
      sub.dispose();
      resolve(record);
    });
  });
}

describe('a command whose handler is while (true) {}', () => {
  it('is cut off: the other player is answered within 3 s, both stay connected, the author is told where', async () => {
    // The default limit (2000 ms), as a user runs it.
    const s = await server({ packs: ['starter-world'] });
    expect(s.engine.settings.runawayMs).toBe(2000);
    const pack = copyFixture('runaway');
    await s.engine.loadPackFromPath(pack);
    const author = await client(s.telnetPort);
    const other = await client(s.telnetPort);
    await author.login('Ada', 'silver-moon-42', true);
    await other.login('Bodil', 'silver-moon-42', true);

    const cutOff = nextCutOff(s.engine);
    const authorMark = author.mark();
    author.line('spin');
    const sent = Date.now();
    const answer = await other.command('look', 5000);
    expect(Date.now() - sent).toBeLessThan(3000);
    expect(answer).toContain('Town Square');

    // Where it was running: the stack sampled half-way to the limit, source-mapped.
    const at = positionOf(join(pack, 'src', 'pack.ts'), 'while (true) {}');
    const where = `src/pack.ts:${at.line}:${at.column}`;
    const told = await author.waitFor('The error has been logged.', authorMark);
    expect(told).toContain(`Command 'spin' of pack 'runaway' ran for more than 2000 ms and was cut off (running at ${where})`);
    const record = await cutOff;
    expect(record).toMatchObject({ type: 'cut-off', packName: 'runaway', call: { kind: 'command', name: 'spin' }, location: { file: 'src/pack.ts', line: at.line, column: at.column, kind: 'running' } });
    expect(s.log.lines()).toContain(`[ERROR] Command 'spin' of pack 'runaway' ran for more than 2000 ms and was cut off (running at ${where}); the player was told; the game goes on`);

    // Both still play.
    expect(author.closed || other.closed).toBe(false);
    expect(await author.command('look')).toContain('Town Square');
    expect(await other.command('look')).toContain('Town Square');
  });
});

describe('an async system update that never settles', () => {
  it('is left behind after the limit: ticks and saving go on, and a note acknowledged afterwards is committed', async () => {
    const s = await server({ packs: ['starter-world'], settings: { runawayMs: 500 } });
    await s.engine.loadPackFromPath(copyFixture('runaway'));
    await s.engine.loadPackFromPath(copyFixture('ledger'));
    const player = await client(s.telnetPort);
    await player.login('Cyrus', 'silver-moon-42', true);

    const leftBehind = nextCutOff(s.engine);
    expect(await player.command('stall')).toContain('Stalling.');
    const record = await leftBehind;
    expect(record).toMatchObject({ type: 'unsettled', packName: 'runaway', call: { kind: 'system', name: 'Stall' }, limitMs: 500 });
    expect(s.engine.scheduler.entriesOf('runaway')[0]?.quarantined).toBe(true);
    expect(s.log.lines().join('\n')).toMatch(
      /\[ERROR\] System Stall of pack 'runaway': its async update did not settle within 500 ms and the tick went on without it \(running the function defined at src\/pack\.ts:\d+:\d+\); system Stall is quarantined/,
    );

    // Acknowledged after the stall: it must reach the database with the next ticks.
    expect(await player.command('note 41')).toContain('Noted 41.');
    // Three more ticks: the note is committed by the first tick after it ran (maybe before the test read the answer).
    const ticksAtAck = s.engine.tickLoop.ticks;
    await new Promise<void>((resolve) => {
      const sub = s.engine.afterTick.on(({ tick }) => {
        if (tick >= ticksAtAck + 3) {
          sub.dispose();
          resolve();
        }
      });
    });
    expect(s.engine.tickLoop.ticks).toBeGreaterThanOrEqual(ticksAtAck + 3);
    const reader = new SqliteStorage({ dataDir: s.dataDir });
    await reader.open();
    try {
      const character = await reader.findCharacterByName('Cyrus');
      const { entities } = await reader.loadEntities();
      const saved = entities.find((e) => e.id === character?.entityId);
      expect(saved?.components.Ledger).toEqual({ version: 1, data: { last: 41, count: 1 } });
    } finally {
      await reader.close();
    }
    expect(await player.command('look')).toContain('Town Square');
  });
});
