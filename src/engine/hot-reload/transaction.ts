import { relative, isAbsolute } from 'node:path';
import { errorMessage } from '../core/errors';
import { CutOffError, cutOffIn } from '../core/runaway-guard';
import { contractViolations } from '../packs/contract';
import { activatePack, deactivatePack, type ActivePack } from '../packs/activation';
import type { ContentPack } from '../packs/contract';
import type { GameEngine, PackRecord } from '../engine';
import type { HookRunner } from './hooks';
import { planMigrations, runMigrations } from './live-migrations';
import { captureStates, restoreStates, type CapturedState } from './state';
import type { PackSource, PreparedVersion } from './pack-source';
import type { HotReloadContext, ReloadError, ReloadPhase, ReloadResult, ReloadTrigger, StateDiff } from './types';

export interface ReloadRequest {
  record: PackRecord;
  newPack?: ContentPack;
  source?: PackSource;
  trigger: ReloadTrigger;
  changedFiles: string[];
}

/** An error tagged with the step of the reload it happened in. */
class PhaseError extends Error {
  constructor(
    readonly phase: ReloadPhase,
    readonly original: unknown,
  ) {
    super(errorMessage(original));
  }
}

/** Time spent in each step of the reload running now, for the debug log. */
type StepTimes = Map<ReloadPhase, number>;

async function timed<T>(times: StepTimes, phase: ReloadPhase, fn: () => T | Promise<T>): Promise<T> {
  const start = performance.now();
  try {
    return await fn();
  } catch (err) {
    throw err instanceof PhaseError ? err : new PhaseError(phase, err);
  } finally {
    times.set(phase, (times.get(phase) ?? 0) + performance.now() - start);
  }
}

/**
 * One reload of one pack, as a transaction: build and validate the new
 * version next to the old, swap them between ticks, migrate data, hand over
 * state; on any failure put back the old version, its registrations and the
 * world's data exactly as they were.
 */
export async function runReload(engine: GameEngine, hooks: HookRunner, req: ReloadRequest): Promise<ReloadResult> {
  const started = performance.now();
  const { record, source } = req;
  const oldActive = record.active;
  const oldPack = record.pack;
  const rel = (file: string) => (source && isAbsolute(file) ? relative(source.dir, file) : file);
  const ctx: HotReloadContext = {
    packName: record.name,
    elapsedTime: 0,
    trigger: req.trigger,
    changedFiles: req.changedFiles.map(rel),
    oldPack,
    oldVersion: record.manifest.version,
    capturedState: {},
  };
  const elapsed = () => (performance.now() - started) / 1000;
  const stateDiff: StateDiff = { systems: {}, components: {} };
  let prepared: PreparedVersion | undefined;
  let newActive: ActivePack | undefined;
  let captured = new Map<string, CapturedState>();
  let migrationsRun = 0;
  let paused = false;
  let quarantined = new Map<string, string | undefined>();
  const journal = engine.world.beginJournal();
  const times: StepTimes = new Map();
  const step = <T>(phase: ReloadPhase, fn: () => T | Promise<T>) => timed(times, phase, fn);

  try {
    // Build the new version beside the running one. A save of area files only evaluates no code.
    const codeFiles = req.changedFiles.filter((f) => !engine.content.isAreaPath(f));
    const newPack = await step('build', () => {
      if (req.newPack) return req.newPack;
      if (!source || (req.changedFiles.length > 0 && codeFiles.length === 0)) return oldPack;
      prepared = prepareGuarded(engine, record.name, source, codeFiles);
      return prepared.pack;
    });
    ctx.newPack = newPack;
    ctx.newVersion = newPack?.manifest?.version;

    await step('validate', () => validate(engine, record, newPack));
    // The area files, read and checked against every loaded pack's content before anything changes.
    const content = await step('validate', () => engine.prepareContent(record, newPack));

    await engine.tickLoop.pause();
    paused = true;
    ctx.elapsedTime = elapsed();
    await step('hooks', () => hooks.run('pre_unload', ctx));

    captured = await step('capture', () => captureStates(oldActive?.systems ?? []));
    ctx.capturedState = Object.fromEntries([...captured].map(([k, v]) => [k, v.state]));
    const versionsBefore = new Map((oldActive?.components ?? []).map((c) => [c.name, c.version]));
    // Systems quarantined now stay so if this reload fails and the old version comes back: only a successful reload frees them.
    quarantined = new Map(engine.scheduler.entriesOf(record.name).flatMap((e) => (e.quarantined ? [[e.name, e.lastError]] : [])));

    if (oldActive) {
      await step('unload', () => deactivatePack(engine, oldActive));
      record.active = undefined;
    }
    ctx.elapsedTime = elapsed();
    await step('hooks', () => hooks.run('post_unload', ctx));
    await step('hooks', () => hooks.run('pre_load', ctx));

    newActive = await step('load', () => activatePack(engine, newPack));

    const plans = await step('migrate', () => planMigrations(versionsBefore, newActive?.components ?? [], newActive?.migrations ?? []));
    await step('migrate', () => {
      const { migrationsRun: n, diffs } = runMigrations(engine.world, plans);
      migrationsRun = n;
      stateDiff.components = diffs;
    });

    stateDiff.systems = await step('restore', () => restoreStates(newActive?.systems ?? [], captured));
    stateDiff.content = await step('load', () => engine.content.apply(content));

    ctx.elapsedTime = elapsed();
    await step('hooks', () => hooks.run('post_load', ctx));

    // Commit: the new version is the pack now; the old one becomes garbage.
    if (prepared && source) source.commit(prepared);
    engine.content.commit(content);
    journal.commit();
    record.pack = newPack;
    record.manifest = { ...newPack.manifest };
    record.active = newActive;
    record.status = 'loaded';
    delete record.error;
    return result(true);
  } catch (err) {
    const phaseError = err instanceof PhaseError ? err : new PhaseError('load', err);
    const error = describe(engine, phaseError, source, prepared, rel);
    if (newActive) await deactivatePack(engine, newActive);
    journal.rollback();
    if (prepared && source) source.discard(prepared);
    await restoreOld(engine, record, oldPack, oldActive !== undefined && record.active === undefined, captured, quarantined);
    ctx.error = error;
    ctx.elapsedTime = elapsed();
    await hooks.run('on_error', ctx).catch(() => {});
    return result(false, error);
  } finally {
    if (paused) engine.tickLoop.resume();
    if (engine.logger.isEnabled('DEBUG')) {
      const steps = [...times].map(([phase, ms]) => `${phase} ${ms.toFixed(2)}ms`).join(', ');
      engine.logger.debug(`Reload of '${record.name}' (${req.trigger}): ${steps}; world entries journaled: ${journal.size}`);
    }
  }

  function result(success: boolean, error?: ReloadError): ReloadResult {
    return {
      packName: record.name,
      success,
      elapsedTime: elapsed(),
      migrationsRun: success ? migrationsRun : 0,
      rolledBack: !success,
      ...(error ? { error } : {}),
      trigger: req.trigger,
      changedFiles: ctx.changedFiles,
      timestamp: Date.now(),
      stateDiff: success ? stateDiff : { systems: {}, components: {} },
      oldVersion: ctx.oldVersion,
      newVersion: success ? ctx.newVersion : ctx.oldVersion,
      reevaluated: (prepared?.reevaluated ?? []).map(rel),
    };
  }
}

function validate(engine: GameEngine, record: PackRecord, pack: ContentPack): void {
  const problems = contractViolations(pack);
  if (problems.length > 0) throw new Error(`The new version of '${record.name}' breaks the pack contract: ${problems.join('; ')}`);
  if (pack.manifest.name !== record.name) {
    throw new Error(`The new version is named '${pack.manifest.name}', but it replaces pack '${record.name}'; a reload cannot rename a pack`);
  }
  for (const dep of pack.manifest.dependencies ?? []) {
    if (engine.getPack(dep)?.status !== 'loaded') throw new Error(`The new version of '${record.name}' depends on '${dep}', which is not loaded`);
  }
}

/** Puts the previous version back: fresh instances of its systems, given the state they had. */
async function restoreOld(
  engine: GameEngine,
  record: PackRecord,
  oldPack: ContentPack,
  wasUnloaded: boolean,
  captured: Map<string, CapturedState>,
  quarantined: ReadonlyMap<string, string | undefined>,
): Promise<void> {
  if (!wasUnloaded) return;
  try {
    const active = await activatePack(engine, oldPack);
    restoreStates(active.systems, captured);
    for (const entry of engine.scheduler.entriesOf(record.name)) {
      if (!quarantined.has(entry.name)) continue;
      entry.quarantined = true;
      entry.lastError = quarantined.get(entry.name);
    }
    record.active = active;
    record.status = 'loaded';
  } catch (err) {
    record.status = 'failed';
    record.error = `Rolling back to the previous version failed: ${engine.describeError(err)}`;
    engine.logger.error(`Pack '${record.name}': ${record.error}`);
  }
}

/** Evaluates the changed modules (and the pack class) under the runaway guard: a top level that loops forever fails the build. */
function prepareGuarded(engine: GameEngine, packName: string, source: PackSource, changedFiles: string[]): PreparedVersion {
  let version: PreparedVersion | undefined;
  const guard = engine.runaway;
  const stopped = guard.run(() => {
    version = guard.within({ kind: 'module', packName, name: 'src/pack.ts' }, () => source.prepare(changedFiles));
  });
  if (stopped) throw new CutOffError(stopped);
  return version as PreparedVersion;
}

function describe(engine: GameEngine, err: PhaseError, source: PackSource | undefined, prepared: PreparedVersion | undefined, rel: (f: string) => string): ReloadError {
  const stopped = cutOffIn(err.original);
  if (stopped) {
    const cutOff = engine.reportRunaway(stopped, 'the reload was rolled back', { inReload: true });
    const where = cutOff.location;
    const location = where ? { file: where.file, ...(where.line !== undefined ? { line: where.line } : {}), ...(where.column !== undefined ? { column: where.column } : {}) } : {};
    return { message: cutOff.message, phase: err.phase, ...location, cutOff };
  }
  const original = err.original as { file?: unknown; line?: unknown; column?: unknown } | undefined;
  let where: Pick<ReloadError, 'file' | 'line' | 'column'> | undefined;
  if (original && typeof original.file === 'string' && typeof original.line === 'number') {
    where = { file: original.file, line: original.line, ...(typeof original.column === 'number' ? { column: original.column } : {}) };
  } else if (err.phase === 'validate') {
    where = source?.manifestLocation(prepared);
  } else {
    // The error, or what it wraps (a hook's or restoreState's failure), thrown from the pack's code.
    for (let e: unknown = err.original; e && !where; e = e instanceof Error ? e.cause : undefined) where = source?.locate(e, prepared);
  }
  // A load error's message already ends with its location; keep that apart, in file/line/column.
  const loadError = err.original as { name?: unknown; detail?: unknown; kind?: unknown } | undefined;
  const message = loadError && typeof loadError.detail === 'string' && typeof loadError.kind === 'string' ? `${String(loadError.name)}: ${loadError.detail}` : err.message;
  return { message, phase: err.phase, ...(where ? { ...where, ...(where.file ? { file: rel(where.file) } : {}) } : {}) };
}
