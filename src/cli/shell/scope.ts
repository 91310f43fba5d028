import { relative } from 'node:path';
import * as maid from '../../engine/host';
import * as testing from '../../engine/testing';
import type { ContentPack, GameEngine, ReloadResult, Settings } from '../../engine/host';

/** What `maid dev shell` puts in scope, besides the engine API itself. */
export interface ShellScope extends Record<string, unknown> {
  settings: Settings;
  engine: GameEngine;
  world: GameEngine['world'];
  /** The loaded packs by name (refreshed after every reload). */
  packs: Record<string, ContentPack>;
  reload(name: string, newPack?: ContentPack): Promise<ReloadResult>;
  reloadModule(moduleId: string): Promise<ReloadResult>;
  /** Prints each reload's pack and time (and migrations), oldest first. */
  history(): void;
  tick(n?: number): Promise<number>;
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** The pack classes by their own names (`CombatPack`), like the seed's `from my_content_pack import MyContentPack`. */
export function packClasses(engine: GameEngine): Record<string, new () => ContentPack> {
  const out: Record<string, new () => ContentPack> = {};
  for (const record of engine.listPacks()) {
    const ctor: unknown = (record.pack as object).constructor;
    if (typeof ctor === 'function' && ctor !== Object && IDENTIFIER.test(ctor.name) && !(ctor.name in maid)) out[ctor.name] = ctor as new () => ContentPack;
  }
  return out;
}

export function packsByName(engine: GameEngine): Record<string, ContentPack> {
  return Object.fromEntries(engine.listPacks().map((p) => [p.name, p.pack]));
}

/** Module ids `reloadModule` accepts for the loaded packs: `systems/combat.ts`, relative to each pack's src/. */
export function moduleIds(engine: GameEngine): string[] {
  const ids: string[] = [];
  for (const p of engine.listPacks()) {
    const source = engine.hotReload.getSource(p.name);
    for (const file of source?.files() ?? []) ids.push(relative(`${source?.dir}/src`, file).split('\\').join('/'));
  }
  return [...new Set(ids)].sort();
}

/**
 * The shell's scope: the whole engine API (`GameEngine`, `getSettings`,
 * `defineComponent`, ... and all of it as `maid`), the started engine and
 * its world, the packs, and helpers to reload, read the reload history and
 * tick. `write` prints a line (for history()).
 */
export function shellScope(engine: GameEngine, write: (line: string) => void): ShellScope {
  return {
    ...maid,
    maid,
    // The pack test kit: a TestPlayer logs in and plays commands (`await TestPlayer.login(engine, 'Tess').do('look')`).
    TestPlayer: testing.TestPlayer,
    testing,
    settings: engine.settings,
    engine,
    world: engine.world,
    packs: packsByName(engine),
    ...packClasses(engine),
    // The engine logs each result in the seed's shape; these return it.
    reload: (name, newPack) => engine.hotReload.reloadPack(name, newPack, { trigger: 'manual' }),
    reloadModule: (moduleId) => engine.hotReload.reloadModule(moduleId, { trigger: 'manual' }),
    history: () => {
      const results = engine.hotReload.getReloadHistory();
      if (results.length === 0) write('No reloads yet');
      for (const r of results) {
        write(`${r.packName}: ${r.elapsedTime.toFixed(3)}s${r.success ? '' : ` (failed: ${r.error?.message ?? 'unknown error'})`}`);
        if (r.migrationsRun > 0) write(`  Migrations: ${r.migrationsRun}`);
      }
    },
    tick: async (n = 1) => {
      for (let i = 0; i < n; i++) await engine.tick();
      return n;
    },
  };
}
