import type { ReloadResult } from '../../engine/host';
import type { ReloadEntry, ReloadStateDiff } from '../../shared/model';
import type { LoadAttempt } from '../host/pack-loader';
import { toJsonSafe } from './json-safe';

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

/** The reloads of this session, with ids; newest first on request. */
export class ReloadTimeline {
  private readonly entries: ReloadEntry[] = [];
  private readonly byResult = new WeakMap<ReloadResult, ReloadEntry>();
  private nextId = 1;

  constructor(private readonly limit = 500) {}

  add(result: ReloadResult, kept?: ReloadStateDiff['systems']): ReloadEntry {
    const known = this.byResult.get(result);
    if (known) return known;
    const entry = toReloadEntry(result, this.nextId++, kept);
    this.byResult.set(result, entry);
    this.entries.push(entry);
    if (this.entries.length > this.limit) this.entries.splice(0, this.entries.length - this.limit);
    return entry;
  }

  /** A studio load attempt of a pack folder (not an engine reload): a timeline entry of its own. */
  addAttempt(attempt: LoadAttempt): ReloadEntry {
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
      ...(attempt.failure ? { error: attempt.failure } : {}),
      stateDiff: { systems: {}, components: {} },
    };
    this.entries.push(entry);
    if (this.entries.length > this.limit) this.entries.splice(0, this.entries.length - this.limit);
    return entry;
  }

  /** Puts the type check's problem count on a reload's entry (the check runs after the entry is made). */
  setProblems(id: number, count: number): void {
    const entry = this.entries.find((e) => e.id === id);
    if (entry) entry.problems = count;
  }

  /** The entry made for a result already added (the manual reload answers with it). */
  find(result: ReloadResult): ReloadEntry | undefined {
    return this.byResult.get(result);
  }

  newestFirst(): ReloadEntry[] {
    return [...this.entries].reverse();
  }
}
