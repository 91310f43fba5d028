import { discoverPacks, type GameEngine } from '../../engine/host';
import { BrokenPackKeeper } from './broken-packs';

/**
 * Loads the given pack folders, then any dependency they name that is not
 * loaded yet, from the packs folder (so `--content combat` brings
 * `starter-world` along). A folder that cannot be read is kept aside by the
 * returned keeper (named in the log, with its cause), and the others load.
 */
export async function loadPacks(engine: GameEngine, dirs: readonly string[], packsDir: string, watching = false, keeper = new BrokenPackKeeper(engine, watching)): Promise<BrokenPackKeeper> {
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
