import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ReloadResult } from '@maid/engine';
import { createTestEngine, TestPlayer, type TestEngine } from '@maid/engine/testing';

const shippedPacks = fileURLToPath(new URL('../../packs/', import.meta.url));

export interface LiveGame extends TestEngine {
  dir: string;
  hero: TestPlayer;
  /** Absolute path of a file in the temporary combat pack. */
  file(rel: string): string;
  read(rel: string): string;
  write(rel: string, content: string): void;
  /** Replaces text in a file of the combat pack and saves it; fails if the text is not there. */
  edit(rel: string, from: string | RegExp, to: string): void;
  /** Resolves with the next reload result the engine records. */
  nextReload(): Promise<ReloadResult>;
}

/**
 * The shipped packs copied to a temporary folder, loaded from there with the
 * watcher on (short debounce), and a player standing in the cellar next to the rat.
 */
export async function liveGame(options: { watch?: boolean; debounce?: number } = {}): Promise<LiveGame> {
  const dir = mkdtempSync(join(tmpdir(), 'maid-hot-'));
  for (const name of ['starter-world', 'combat']) cpSync(join(shippedPacks, name), join(dir, name), { recursive: true });
  const t = await createTestEngine({ packDirs: [join(dir, 'starter-world'), join(dir, 'combat')] });
  if (options.watch !== false) await t.engine.hotReload.enableWatching(options.debounce ?? 0.05);
  const hero = TestPlayer.login(t.engine, 'Hero');
  for (const step of ['n', 'e', 'down']) await hero.do(step);
  const file = (rel: string) => join(dir, 'combat', rel);
  const game: LiveGame = {
    ...t,
    dir,
    hero,
    file,
    read: (rel) => readFileSync(file(rel), 'utf8'),
    write: (rel, content) => writeFileSync(file(rel), content),
    edit(rel, from, to) {
      const before = game.read(rel);
      const after = before.replace(from, to);
      if (after === before) throw new Error(`edit: ${String(from)} not found in ${rel}`);
      game.write(rel, after);
    },
    nextReload: () =>
      new Promise((resolve) => {
        const sub = t.engine.hotReload.onReload.on((r) => {
          sub.dispose();
          resolve(r);
        });
      }),
  };
  return game;
}
