import type { ContentPack } from '../packs/contract';
import { createTestEngine } from './engine-fixture';
import { PackCheckError } from './compliance';
import { registrationsOf, isEmptyRegistration } from './registrations';

export interface LifecycleOptions {
  /** Packs the pack depends on, loaded first. */
  dependencies?: ContentPack[];
  /** Ticks to run while loaded. */
  ticks?: number;
  /** Load/unload cycles (each with a fresh instance from `make`). */
  cycles?: number;
}

/**
 * Loads the pack into a real engine, starts it, ticks, and unloads it; then
 * asserts the pack loaded cleanly, no system failed, and nothing it
 * registered is left behind. `make` returns a fresh pack instance.
 */
export async function checkPackLifecycle(make: () => ContentPack, options: LifecycleOptions = {}): Promise<void> {
  const { engine, log, ticks, stop } = await createTestEngine({ packs: options.dependencies ?? [] });
  const problems: string[] = [];
  let name = '(unnamed)';
  try {
    for (let cycle = 0; cycle < (options.cycles ?? 1); cycle++) {
      const pack = make();
      name = pack.manifest.name;
      const record = await engine.loadContentPack(pack);
      if (record.status !== 'loaded') {
        problems.push(`it failed to load: ${record.error}`);
        break;
      }
      await ticks(options.ticks ?? 10);
      for (const s of engine.scheduler.entriesOf(name)) if (s.failures > 0) problems.push(`system ${s.name} failed while ticking: ${s.lastError}`);
      await engine.unloadPack(name);
      const left = registrationsOf(engine, name);
      if (!isEmptyRegistration(left)) problems.push(`after unloading, still registered: ${JSON.stringify(left)}`);
      if (problems.length > 0) break;
    }
  } finally {
    await stop();
  }
  const errors = log.records.filter((r) => r.level === 'ERROR').map((r) => r.message);
  if (problems.length === 0 && errors.length > 0) problems.push(...errors.map((e) => `logged an error: ${e}`));
  if (problems.length > 0) throw new PackCheckError(`'${name}'`, problems);
}
