import { discoverPacks, resolvePackDir, type GameEngine } from '../engine';

/**
 * Loads the packs named by `--content` (names in the packs folder, or paths),
 * or every pack in the packs folder when none is named; then any dependency
 * they name that is not loaded yet, from the packs folder.
 */
export async function loadPacks(engine: GameEngine, content: string[], packsDir: string): Promise<void> {
  const dirs = content.length > 0 ? content.map((c) => resolvePackDir(c, packsDir)) : discoverPacks(packsDir).map((p) => p.dir);
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
