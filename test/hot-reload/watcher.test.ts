import { renameSync, writeFileSync, truncateSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ReloadResult } from '@maid/engine';
import { isIgnoredPath } from '../../src/engine/hot-reload/watch-filter';
import { liveGame } from './harness';

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('which files the watcher follows', () => {
  it('takes sources and ignores editor artefacts, dot-files, node_modules and build output', () => {
    for (const f of ['pack.ts', 'systems/combat.ts', 'ui/view.tsx', 'old.js', 'esm.mjs', 'data/rooms.json']) expect(isIgnoredPath(f), f).toBe(false);
    for (const f of ['.combat.ts.swp', 'combat.ts~', '#combat.ts#', '4913', 'combat.ts.tmp', 'combat.ts___jb_tmp___', '.hidden.ts', 'node_modules/x/index.js', 'dist/pack.js', 'notes.md', 'combat.ts.bak', 'combat.ts.maid-tmp-1a2b'])
      expect(isIgnoredPath(f), f).toBe(true);
    expect(isIgnoredPath('systems', 'directory')).toBe(false);
    expect(isIgnoredPath('node_modules', 'directory')).toBe(true);
    expect(isIgnoredPath('systems', 'unknown')).toBe(false);
  });
});

describe('the watcher with real editors', () => {
  it('an atomic save (write a temp file, rename it over the original) reloads once, naming the real file', async () => {
    const game = await liveGame({ debounce: 0.15 });
    const results: ReloadResult[] = [];
    game.engine.hotReload.onReload.on((r) => void results.push(r));
    const target = game.file('src/systems/combat.ts');
    const temp = join(game.file('src/systems'), '.combat.ts.swp');
    writeFileSync(temp, game.read('src/systems/combat.ts').replace('BASE_DAMAGE = 10', 'BASE_DAMAGE = 13'));
    renameSync(temp, target);
    await pause(900);
    expect(results.map((r) => [r.success, r.changedFiles])).toEqual([[true, ['src/systems/combat.ts']]]);
    await game.stop();
  });

  it('editor backup and swap files never trigger a reload', async () => {
    const game = await liveGame({ debounce: 0.05 });
    const results: ReloadResult[] = [];
    game.engine.hotReload.onReload.on((r) => void results.push(r));
    writeFileSync(game.file('src/systems/combat.ts~'), 'old');
    writeFileSync(game.file('src/systems/.combat.ts.swp'), 'swap');
    writeFileSync(game.file('src/notes.md'), '# notes');
    await pause(500);
    expect(results).toEqual([]);
    await game.stop();
  });

  it('truncate-then-write reloads the written content', async () => {
    const game = await liveGame({ debounce: 0.15 });
    const done = game.nextReload();
    const text = game.read('src/systems/combat.ts').replace('BASE_DAMAGE = 10', 'BASE_DAMAGE = 14');
    truncateSync(game.file('src/systems/combat.ts'), 0);
    await pause(20);
    writeFileSync(game.file('src/systems/combat.ts'), text);
    const result = await done;
    expect(result.success).toBe(true);
    await game.hero.do('attack rat');
    expect(game.hero.transcript).toContain('for 14 damage');
    await game.stop();
  });

  it('a save during a reload queues exactly one more reload, with the new file', async () => {
    const game = await liveGame({ debounce: 0.05 });
    const results: ReloadResult[] = [];
    game.engine.hotReload.onReload.on((r) => void results.push(r));
    let release: () => void = () => {};
    let hold = true;
    game.engine.hotReload.registerHook('pre_load', () => (hold ? new Promise<void>((r) => (release = r)) : undefined));
    game.edit('src/systems/combat.ts', 'BASE_DAMAGE = 10', 'BASE_DAMAGE = 11');
    while (!game.engine.hotReload.isReloading('combat')) await pause(10);
    await pause(50);
    game.edit('src/commands/attack.ts', "help: 'Start fighting someone or something'", "help: 'Fight someone'");
    game.edit('src/systems/combat.ts', 'BASE_DAMAGE = 11', 'BASE_DAMAGE = 12');
    await pause(300);
    expect(results).toHaveLength(0);
    hold = false;
    release();
    while (results.length < 2) await pause(20);
    await pause(300);
    expect(results.map((r) => r.changedFiles)).toEqual([['src/systems/combat.ts'], ['src/commands/attack.ts', 'src/systems/combat.ts']]);
    expect(results.every((r) => r.success)).toBe(true);
    await game.stop();
  });

  it('"Reload pack" during a save\'s quiet time takes that save: one manual reload, no file reload of it after', async () => {
    const game = await liveGame({ debounce: 1.5 });
    const results: ReloadResult[] = [];
    game.engine.hotReload.onReload.on((r) => void results.push(r));
    game.edit('src/systems/combat.ts', 'BASE_DAMAGE = 10', 'BASE_DAMAGE = 16');
    // The watcher has seen the save; its reload waits for the quiet time.
    while (!game.log.lines().some((l) => /File changed: .*combat\.ts/.test(l))) await pause(10);
    const manual = await game.engine.hotReload.reloadPack('combat', undefined, { trigger: 'manual' });
    expect([manual.trigger, manual.success, manual.changedFiles]).toEqual(['manual', true, ['src/systems/combat.ts']]);
    await game.hero.do('attack rat');
    expect(game.hero.transcript).toContain('for 16 damage');
    // A later save reloads alone: the first one was not left pending to join it.
    const next = game.nextReload();
    game.edit('src/commands/attack.ts', "help: 'Start fighting someone or something'", "help: 'Fight someone'");
    const later = await next;
    expect(results.map((r) => [r.trigger, r.changedFiles])).toEqual([
      ['manual', ['src/systems/combat.ts']],
      ['file', ['src/commands/attack.ts']],
    ]);
    expect(later.success).toBe(true);
    await game.stop();
  });
});
