import { GameEngine } from '../engine';
import { MemorySink } from '../core/logger';
import { getSettings, type Settings } from '../core/settings';
import type { ContentPack } from '../packs/contract';

export interface TestEngineOptions {
  packs?: ContentPack[];
  /** Folders of packs to load through the engine's own module loader (hot-reloadable). */
  packDirs?: string[];
  settings?: Partial<Settings>;
  /** Let the tick loop run in real time (default: ticks only by `engine.tick()`). */
  autoTick?: boolean;
}

export interface TestEngine {
  engine: GameEngine;
  /** The engine's log, kept in memory. */
  log: MemorySink;
  /** Runs `n` ticks of `delta` seconds each. */
  ticks(n: number, delta?: number): Promise<void>;
  stop(): Promise<void>;
}

/** A started engine for pack tests: quiet, logs kept in memory, ticking only when asked. */
export async function createTestEngine(options: TestEngineOptions = {}): Promise<TestEngine> {
  const log = new MemorySink();
  const settings = getSettings({ overrides: { logLevel: 'DEBUG', ...options.settings }, env: {} });
  const engine = new GameEngine(settings, { logSinks: [log.sink] });
  for (const pack of options.packs ?? []) void engine.loadContentPack(pack);
  for (const dir of options.packDirs ?? []) await engine.loadPackFromPath(dir);
  await engine.start({ autoTick: options.autoTick ?? false });
  return {
    engine,
    log,
    async ticks(n, delta = 1 / settings.tickRate) {
      for (let i = 0; i < n; i++) await engine.tick(delta);
    },
    stop: () => engine.stop(),
  };
}
