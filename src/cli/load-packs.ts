import { discoverNonPacks, discoverPacks, PackError, resolvePackDir, type GameEngine, type Logger } from '../engine/host';
import { UsageFailure } from './args';
import { BrokenPackKeeper } from './startup/broken-packs';

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

/** Says, once at start, which folders of the packs folder are skipped because they are not packs. */
export function reportNonPacks(log: Logger, packsDir: string): void {
  for (const folder of discoverNonPacks(packsDir)) log.warn(`Folder '${folder.name}' in ${packsDir} is not a pack, skipped: ${folder.reason}`);
}

/**
 * Loads the given pack folders, then any dependency they name that is not
 * loaded yet, from the packs folder (so `--content combat` brings
 * `starter-world` along). A folder that cannot be read is kept aside by the
 * returned keeper (named in the log, with its cause), and the others load.
 */
export async function loadPacks(engine: GameEngine, dirs: readonly string[], packsDir: string, watching = false): Promise<BrokenPackKeeper> {
  const keeper = new BrokenPackKeeper(engine, watching);
  for (const dir of dirs) await keeper.read(dir);
  const available = new Map(discoverPacks(packsDir).map((p) => [p.name, p.dir]));
  const tried = new Set(dirs);
  for (let added = true; added; ) {
    added = false;
    for (const record of engine.listPacks()) {
      for (const dep of record.manifest.dependencies ?? []) {
        const dir = available.get(dep);
        if (engine.getPack(dep) || !dir || tried.has(dir)) continue; // a missing one is reported when the engine starts
        tried.add(dir);
        engine.logger.info(`Loading '${dep}' from ${dir}: '${record.name}' depends on it`);
        added = (await keeper.read(dir)) || added;
      }
    }
  }
  return keeper;
}
