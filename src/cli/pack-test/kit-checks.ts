import { discoverPacks, GameEngine, getSettings, MemorySink, errorMessage, missingPackOf, type ContentPack, type PackRecord } from '../../engine/host';
import { checkPackContract, checkPackLifecycle, PackCheckError } from '../../engine/testing';
import { loadPacks } from '../load-packs';

export interface CheckOutcome {
  title: string;
  ok: boolean;
  /** What is wrong, one sentence each; empty when ok. */
  problems: string[];
  /** Set when the check did not run (an earlier one failed, or it was not asked for). */
  skipped?: boolean;
}

export interface KitReport {
  /** The manifest's name and version, when the pack could be read. */
  name?: string;
  version?: string;
  checks: CheckOutcome[];
}

/** Load/unload cycles of the lifecycle check: the second one catches what the first left behind. */
const LIFECYCLE_CYCLES = 2;

const problemsOf = (err: unknown): string[] => (err instanceof PackCheckError ? err.problems : [errorMessage(err)]);

/** A fresh instance of the same pack class (a pack given as a plain object is reused). */
function freshInstance(pack: ContentPack): () => ContentPack {
  const ctor: unknown = (pack as object).constructor;
  return typeof ctor === 'function' && ctor !== Object ? () => new (ctor as new () => ContentPack)() : () => pack;
}

/**
 * Reads the pack folder; when its code uses a pack that is not loaded yet
 * (`@packs/starter-world` read as the module runs), loads that one from the
 * packs folder first and reads it again.
 */
async function loadWithDependencies(engine: GameEngine, packDir: string, packsDir: string): Promise<PackRecord> {
  for (const tried = new Set<string>(); ; ) {
    try {
      return await engine.loadPackFromPath(packDir);
    } catch (err) {
      const missing = missingPackOf(err);
      const dir = missing === undefined ? undefined : discoverPacks(packsDir).find((p) => p.name === missing)?.dir;
      if (missing === undefined || dir === undefined || tried.has(missing)) throw err;
      tried.add(missing);
      await loadWithDependencies(engine, dir, packsDir);
    }
  }
}

/**
 * The pack test kit's checks on a pack folder, in this process: read the
 * folder through the engine's module loader (as the server does), check
 * the pack protocol, then the lifecycle (load with its dependencies from
 * the packs folder, tick, unload leaving nothing behind, twice).
 */
export async function runKitChecks(packDir: string, packsDir: string): Promise<KitReport> {
  const log = new MemorySink();
  const engine = new GameEngine(getSettings({ env: {}, overrides: { logLevel: 'WARNING' } }), { logSinks: [log.sink] });
  const report: KitReport = { checks: [] };
  const protocol: CheckOutcome = { title: 'protocol: the manifest and every hook have the right shapes', ok: true, problems: [] };
  const lifecycle: CheckOutcome = { title: `lifecycle: loads with its dependencies, ticks and unloads leaving nothing behind (${LIFECYCLE_CYCLES} cycles)`, ok: true, problems: [] };
  report.checks.push(protocol, lifecycle);

  let record: PackRecord | undefined;
  try {
    record = await loadWithDependencies(engine, packDir, packsDir);
    report.name = record.name;
    report.version = record.manifest.version;
    checkPackContract(record.pack);
  } catch (err) {
    protocol.ok = false;
    protocol.problems.push(...problemsOf(err));
  }
  if (!record || !protocol.ok) {
    Object.assign(lifecycle, { ok: false, skipped: true, title: `${lifecycle.title}: not run, the protocol check failed` });
    return report;
  }

  try {
    await loadPacks(engine, [], packsDir);
    const missing = (record.manifest.dependencies ?? []).filter((d) => !engine.getPack(d));
    if (missing.length > 0) throw new Error(`it depends on ${missing.map((d) => `'${d}'`).join(', ')}, not found in ${packsDir} (give --packs-dir)`);
    const dependencies = engine.listPacks().filter((p) => p !== record).map((p) => p.pack);
    await checkPackLifecycle(freshInstance(record.pack), { dependencies, cycles: LIFECYCLE_CYCLES });
  } catch (err) {
    lifecycle.ok = false;
    lifecycle.problems.push(...problemsOf(err));
  }
  return report;
}
