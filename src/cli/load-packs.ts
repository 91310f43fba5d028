import { discoverNonPacks, discoverPacks, PackError, resolvePackDir, type Logger } from '../engine/host';
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

/** Says, once at start, which folders of the packs folder are skipped because they are not packs. */
export function reportNonPacks(log: Logger, packsDir: string): void {
  for (const folder of discoverNonPacks(packsDir)) log.warn(`Folder '${folder.name}' in ${packsDir} is not a pack, skipped: ${folder.reason}`);
}

// Loading the packs is the engine host's (src/engine-host/packs); the CLI's in-process commands use it too.
export { loadPacks } from '../engine-host/packs/load-packs';
