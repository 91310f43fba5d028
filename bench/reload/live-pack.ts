/**
 * A running engine over a temporary copy of the shipped packs, for timing
 * reloads the way a pack author triggers them: by writing a file.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { GameEngine, getSettings, type ReloadResult } from '../../src/engine/host';
import { replaceOrFail, within } from '../lib/edit';

const shipped = fileURLToPath(new URL('../../packs/', import.meta.url));

export interface LivePack {
  engine: GameEngine;
  dir: string;
  file(rel: string): string;
  read(rel: string): string;
  write(rel: string, text: string): void;
  /** Replaces text in a file of combat and saves it; throws when the text is not there (the file would not change). */
  edit(rel: string, from: string | RegExp, to: string, base?: string): void;
  /** Performance-clock time at which the watcher logged `Triggering reload for pack: combat`, per reload. */
  triggers: number[];
  /** Resolves with the next reload result and the clock time it was recorded; rejects after `timeoutMs` (default 30 s) without one. */
  nextReload(timeoutMs?: number): Promise<{ result: ReloadResult; at: number }>;
  close(): Promise<void>;
}

export async function livePack(options: { watch: boolean; debounce?: number }): Promise<LivePack> {
  const dir = mkdtempSync(join(tmpdir(), 'maid-bench-reload-'));
  for (const name of ['starter-world', 'combat']) cpSync(join(shipped, name), join(dir, name), { recursive: true });
  const triggers: number[] = [];
  const engine = new GameEngine(getSettings({ env: {}, overrides: { logLevel: 'INFO' } }), {
    logSinks: [
      (record) => {
        if (record.message === 'Triggering reload for pack: combat') triggers.push(performance.now());
      },
    ],
  });
  await engine.loadPackFromPath(join(dir, 'starter-world'));
  await engine.loadPackFromPath(join(dir, 'combat'));
  await engine.start({ autoTick: false });
  if (options.watch) await engine.hotReload.enableWatching(options.debounce ?? 0.05);
  const file = (rel: string) => join(dir, 'combat', rel);
  return {
    engine,
    dir,
    file,
    read: (rel) => readFileSync(file(rel), 'utf8'),
    write: (rel, text) => writeFileSync(file(rel), text),
    triggers,
    edit(rel, from, to, base) {
      writeFileSync(file(rel), replaceOrFail(base ?? readFileSync(file(rel), 'utf8'), from, to, `packs/combat/${rel}`));
    },
    nextReload(timeoutMs = 30_000) {
      let sub: { dispose(): void } | undefined;
      const next = new Promise<{ result: ReloadResult; at: number }>((resolve) => {
        sub = engine.hotReload.onReload.on((result) => {
          sub?.dispose();
          resolve({ result, at: performance.now() });
        });
      });
      return within(next, timeoutMs, 'the reload of combat').finally(() => sub?.dispose());
    },
    async close() {
      await engine.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
