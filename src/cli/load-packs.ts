import { discoverPacks, PackError, resolvePackDir, type GameEngine } from '../engine';
import { UsageFailure } from './args';

/**
 * The pack folders `--content` names (names in the packs folder, or paths),
 * or every pack in the packs folder when none is named. A name or path that
 * is not a pack is a usage error listing the packs there are.
 */
export function contentDirs(content: readonly string[], packsDir: string): string[] {
  if (content.length === 0) return discoverPacks(packsDir).map((p) => p.dir);
  return content.map((c) => {
    try {
      return resolvePackDir(c, packsDir);
    } catch (err) {
      if (err instanceof PackError) throw new UsageFailure(`--content ${c}: ${err.message}`);
      throw err;
    }
  });
}

/**
 * Loads the given pack folders, then any dependency they name that is not
 * loaded yet, from the packs folder (so `--content combat` brings
 * `starter-world` along).
 */
export async function loadPacks(engine: GameEngine, dirs: readonly string[], packsDir: string): Promise<void> {
  for (const dir of dirs) await engine.loadPackFromPath(dir);
  const available = new Map(discoverPacks(packsDir).map((p) => [p.name, p.dir]));
  for (let added = true; added; ) {
    added = false;
    for (const record of engine.listPacks()) {
      for (const dep of record.manifest.dependencies ?? []) {
        if (engine.getPack(dep)) continue;
        const dir = available.get(dep);
        if (!dir) continue; // the engine reports the missing dependency when it starts
        engine.logger.info(`Loading '${dep}' from ${dir}: '${record.name}' depends on it`);
        await engine.loadPackFromPath(dir);
        added = true;
      }
    }
  }
}
