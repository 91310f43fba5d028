import type { CutOffRecord, ReloadResult } from '../../engine/host';
import type { LinkLoadAttempt } from '../../link/frames';
import type { EditInfo, ReloadEntry, ReloadPhase, ReloadStateDiff } from '../../shared/model';
import { toJsonSafe } from '../../engine/core/json-safe';

function stateDiffOf(result: ReloadResult): ReloadStateDiff {
  const systems: ReloadStateDiff['systems'] = {};
  for (const [name, diff] of Object.entries(result.stateDiff?.systems ?? {})) {
    systems[name] = {
      before: toJsonSafe(diff.before),
      after: toJsonSafe(diff.after),
      ...(diff.added ? { added: true } : {}),
      ...(diff.removed ? { removed: true } : {}),
    };
  }
  const components: ReloadStateDiff['components'] = {};
  for (const [name, diff] of Object.entries(result.stateDiff?.components ?? {})) {
    components[name] = {
      from: diff.from,
      to: diff.to,
      entities: diff.entities,
      sample: diff.sample.map((s) => ({ entity: s.entity, before: toJsonSafe(s.before), after: toJsonSafe(s.after) })),
    };
  }
  const content = result.stateDiff?.content;
  return { systems, components, ...(content ? { content: structuredClone(content) } : {}) };
}

/**
 * The engine's reload result as a timeline entry (plain JSON, with the id the
 * timeline selects by). `kept`: for a failed reload, the state the running
 * version kept (see kept-state.ts).
 */
export function toReloadEntry(result: ReloadResult, id: number, kept?: ReloadStateDiff['systems']): ReloadEntry {
  const e = result.error;
  return {
    id,
    packName: result.packName,
    success: result.success,
    rolledBack: result.rolledBack,
    trigger: result.trigger,
    changedFiles: [...result.changedFiles],
    durationMs: Math.round(result.elapsedTime * 1e6) / 1e3,
    timestamp: result.timestamp,
    migrationsRun: result.migrationsRun,
    ...(e
      ? {
          error: {
            message: e.message,
            phase: e.phase,
            ...(e.file !== undefined ? { file: e.file.split('\\').join('/') } : {}),
            ...(e.line !== undefined ? { line: e.line } : {}),
            ...(e.column !== undefined ? { column: e.column } : {}),
          },
        }
      : {}),
    ...(result.oldVersion !== undefined ? { oldVersion: result.oldVersion } : {}),
    ...(result.newVersion !== undefined ? { newVersion: result.newVersion } : {}),
    stateDiff: !result.success && kept ? { systems: kept, components: {} } : stateDiffOf(result),
  };
}

const PHASES: readonly ReloadPhase[] = ['build', 'validate', 'hooks', 'capture', 'unload', 'load', 'migrate', 'restore'];

/** A phase named over the link, as the model knows it (a folder that cannot be read failed to build). */
function phaseOf(phase: string): ReloadPhase {
  return (PHASES as readonly string[]).includes(phase) ? (phase as ReloadPhase) : 'build';
}

/** One result, however often it arrives (the engine's event, then the answer to the request that caused it). */
const keyOf = (result: ReloadResult) => `${result.packName}|${result.timestamp}|${result.trigger}|${result.elapsedTime}`;

/**
 * The studio session's timeline, with ids; newest first on request: the
 * engine's reload results, its load attempts of pack folders, pack calls
 * cut off, and the engine process going down and coming back.
 */
export class ReloadTimeline {
  private readonly entries: ReloadEntry[] = [];
  private readonly byResult = new Map<string, ReloadEntry>();
  private nextId = 1;

  constructor(private readonly limit = 500) {}

  /** A reload result (as the engine process sent it); `kept`: a failed reload's running state. */
  add(result: ReloadResult, kept?: ReloadStateDiff['systems']): ReloadEntry {
    const key = keyOf(result);
    const known = this.byResult.get(key);
    if (known) return known;
    const entry = toReloadEntry(result, this.nextId++, kept);
    this.byResult.set(key, entry);
    return this.push(entry);
  }

  /** The entry already made for this result, if any. */
  find(result: ReloadResult): ReloadEntry | undefined {
    return this.byResult.get(keyOf(result));
  }

  /** A pack call that ran away and was cut off (or an async update left unsettled). */
  addCutOff(record: CutOffRecord): ReloadEntry {
    const where = record.location ? ` at ${record.location.file}${record.location.line !== undefined ? `:${record.location.line}${record.location.column !== undefined ? `:${record.location.column}` : ''}` : ''}` : '';
    return this.push({
      id: this.nextId++,
      kind: 'cut-off',
      cause: `${record.call.kind} ${record.call.name} ${record.type === 'cut-off' ? `ran for more than ${record.limitMs} ms and was cut off` : `did not settle within ${record.limitMs} ms`}${where}; ${record.consequence}`,
      packName: record.packName ?? '(engine)',
      success: false,
      rolledBack: false,
      trigger: 'engine',
      changedFiles: [],
      durationMs: record.limitMs,
      timestamp: record.timestamp,
      migrationsRun: 0,
      ...(record.location?.line !== undefined
        ? { error: { message: record.message, phase: 'load' as const, file: record.location.file, line: record.location.line, ...(record.location.column !== undefined ? { column: record.location.column } : {}) } }
        : {}),
      stateDiff: { systems: {}, components: {} },
    });
  }

  /** The engine process went down (`engine-down`) or serves again (`engine-up`, after `ms`). */
  addEngine(kind: 'engine-down' | 'engine-up', cause: string, ms = 0): ReloadEntry {
    return this.push({
      id: this.nextId++,
      kind,
      cause,
      packName: '(engine)',
      success: kind === 'engine-up',
      rolledBack: false,
      trigger: 'engine',
      changedFiles: [],
      durationMs: ms,
      timestamp: Date.now(),
      migrationsRun: 0,
      stateDiff: { systems: {}, components: {} },
    });
  }

  /** An edit of the world from the World panel: `what` says it in a sentence, `pack` owns the component edited. */
  addEdit(what: string, pack: string | undefined, edit: EditInfo, ms: number): ReloadEntry {
    return this.push({
      id: this.nextId++,
      kind: 'edit',
      cause: what,
      edit,
      packName: pack ?? '(world)',
      success: true,
      rolledBack: false,
      trigger: 'manual',
      changedFiles: [],
      durationMs: Math.round(ms * 1000) / 1000,
      timestamp: Date.now(),
      migrationsRun: 0,
      stateDiff: { systems: {}, components: {} },
    });
  }

  /** Marks an edit entry undone by another entry (its undo). */
  markUndone(id: number, by: number): void {
    const entry = this.get(id);
    if (entry?.edit) entry.edit = { ...entry.edit, undoneBy: by };
  }

  get(id: number): ReloadEntry | undefined {
    return this.entries.find((e) => e.id === id);
  }

  /** The engine tried again a pack folder it could not read (not a reload of a loaded pack): an entry of its own. */
  addAttempt(attempt: LinkLoadAttempt): ReloadEntry {
    const entry: ReloadEntry = {
      id: this.nextId++,
      packName: attempt.packName,
      success: attempt.success,
      rolledBack: false,
      trigger: attempt.trigger,
      changedFiles: [...attempt.changedFiles],
      durationMs: Math.round(attempt.durationMs * 1000) / 1000,
      timestamp: Date.now(),
      migrationsRun: 0,
      ...(attempt.failure ? { error: { ...attempt.failure, phase: phaseOf(attempt.failure.phase) } } : {}),
      stateDiff: { systems: {}, components: {} },
    };
    return this.push(entry);
  }

  private push(entry: ReloadEntry): ReloadEntry {
    this.entries.push(entry);
    if (this.entries.length > this.limit) this.entries.splice(0, this.entries.length - this.limit);
    return entry;
  }

  /** Puts the result of the tests run after a reload on its entry. */
  setTests(id: number, tests: NonNullable<ReloadEntry['tests']>): ReloadEntry | undefined {
    const entry = this.entries.find((e) => e.id === id);
    if (entry) entry.tests = tests;
    return entry;
  }

  /** Puts the type check's problem count on a reload's entry (the check runs after the entry is made). */
  setProblems(id: number, count: number): void {
    const entry = this.entries.find((e) => e.id === id);
    if (entry) entry.problems = count;
  }

  newestFirst(): ReloadEntry[] {
    return [...this.entries].reverse();
  }
}
