/**
 * The world in storage: restored before the packs activate, and every tick's
 * changes committed at the end of that tick, in one transaction. A crash
 * loses at most the tick in flight; a clean stop flushes what is left.
 *
 * A commit that fails (disk full, database locked) loses nothing: the
 * entities it held stay pending and go out with the next tick's commit.
 */
import type { Disposable } from '../core/disposable';
import { DisposableStore } from '../core/disposable';
import { errorMessage } from '../core/errors';
import type { Logger } from '../core/logger';
import type { Entity } from '../ecs/entity';
import type { GameEngine, PackRecord } from '../engine';
import type { ComponentMigration } from '../packs/contract';
import { migrateEntityRecords, type ComponentVersion } from '../storage/component-migrations';
import type { ChangeSet, EntityRecord, Storage } from '../storage/types';

export interface WorldLoadReport {
  entities: number;
  /** Components brought forward by migrations, by "name from→to". */
  migrated: Record<string, number>;
  /** Stored components no loaded pack defines: kept as they are. */
  unknownComponents: string[];
  /** Stored data that could not be read, one message each (logged). */
  problems: string[];
  elapsedMs: number;
}

export interface PersistenceStats {
  /** Commits that succeeded. */
  commits: number;
  /** Entity records written, over all commits. */
  written: number;
  deleted: number;
  /** Commits that failed (their changes were retried). */
  failures: number;
  /** Tick of the last successful commit. */
  lastTick: number | undefined;
  /** Every change made up to the end of this tick is in the storage (a tick without changes counts). */
  savedThroughTick: number | undefined;
  /** Milliseconds the last successful commit took. */
  lastCommitMs: number;
}

/** Don't repeat the same commit failure in the log more than once in this many ms. */
const FAILURE_LOG_INTERVAL_MS = 10_000;

export class WorldPersistence {
  readonly stats: PersistenceStats = { commits: 0, written: 0, deleted: 0, failures: 0, lastTick: undefined, savedThroughTick: undefined, lastCommitMs: 0 };
  private readonly logger: Logger;
  private readonly hooks = new DisposableStore();
  /** Changes of a failed commit, kept for the next one: live entities by id, and destroyed ids. */
  private readonly retryUpserts = new Map<string, Entity>();
  private readonly retryDeletes = new Set<string>();
  private lastFailureLog = 0;
  private committing: Promise<void> | undefined;
  private finished = false;

  constructor(
    private readonly engine: GameEngine,
    readonly storage: Storage,
  ) {
    this.logger = engine.logger.child('persistence');
  }

  /**
   * Hooks into the engine: load when it starts (before the packs activate),
   * commit after every tick, a last flush when it stops. Must be called
   * before `engine.start()`, since the saved world has to be in place before
   * the packs create their rooms and NPCs.
   */
  attach(options: { onStopped?: () => Promise<void> } = {}): Disposable {
    if (this.engine.isStarted) {
      throw new Error('The world can only be restored before the engine starts: create the GameServer (or attach persistence) before calling engine.start()');
    }
    this.hooks.add(this.engine.beforeActivate.on(({ packs }) => this.load(packs).then(() => undefined)));
    this.hooks.add(this.engine.afterTick.on(({ tick }) => this.commitTick(tick)));
    this.hooks.add(
      this.engine.beforeStop.on(async () => {
        await this.flush();
        this.finished = true;
        await options.onStopped?.();
      }),
    );
    return { dispose: () => this.hooks.dispose() };
  }

  /** True once the engine stopped and the last flush ran: later changes are not saved. */
  get isFinished(): boolean {
    return this.finished;
  }

  /**
   * Opens the storage and restores every saved entity, its components
   * brought to the versions the packs define (their migrations run over the
   * stored data). `packs` are the packs about to activate.
   */
  async load(packs: readonly PackRecord[]): Promise<WorldLoadReport> {
    const started = performance.now();
    this.finished = false;
    await this.storage.open();
    const { entities, problems } = await this.storage.loadEntities();
    for (const p of problems) this.logger.warn(p.message);
    const { definitions, migrations } = this.packDefinitions(packs);
    // Throws ComponentMigrationError naming component, entity and versions: the engine does not start on a world it cannot read.
    const report = migrateEntityRecords(entities, definitions, migrations);
    const world = this.engine.world;
    for (const record of report.entities) {
      try {
        world.restoreEntity(record);
      } catch (err) {
        const message = `Entity ${record.id} could not be restored, skipped: ${errorMessage(err)}`;
        problems.push({ entityId: record.id, message });
        this.logger.error(message);
      }
    }
    // Restored as stored: nothing to write back, except what the migrations changed.
    world.takeChanges();
    const migratedCount = Object.values(report.migrated).reduce((a, b) => a + b, 0);
    if (migratedCount > 0) await this.writeMigrated(report.entities, entities);
    const result: WorldLoadReport = {
      entities: report.entities.length,
      migrated: report.migrated,
      unknownComponents: report.unknownComponents,
      problems: problems.map((p) => p.message),
      elapsedMs: performance.now() - started,
    };
    const migratedText = migratedCount > 0 ? `, migrated ${Object.entries(report.migrated).map(([k, n]) => `${k} (${n})`).join(', ')}` : '';
    this.logger.info(`Restored ${result.entities} entities in ${result.elapsedMs.toFixed(0)} ms${migratedText}`);
    if (report.unknownComponents.length > 0) this.logger.info(`Kept stored components no loaded pack defines: ${report.unknownComponents.join(', ')}`);
    return result;
  }

  /** Commits everything changed since the last commit, as the given tick. */
  async commitTick(tick: number): Promise<void> {
    if (this.finished) return;
    // One commit at a time: a flush from stop() waits for the tick's commit.
    while (this.committing) await this.committing;
    const run = this.commitNow(tick);
    this.committing = run;
    try {
      await run;
    } finally {
      if (this.committing === run) this.committing = undefined;
    }
  }

  /** Commits whatever is pending now (a clean stop, or before the process exits). */
  async flush(): Promise<void> {
    await this.commitTick(this.engine.tickLoop.ticks);
  }

  private async commitNow(tick: number): Promise<void> {
    const world = this.engine.world;
    const { changed, destroyed } = world.takeChanges();
    const retrying = this.retryUpserts.size > 0 || this.retryDeletes.size > 0;
    if (changed.length === 0 && destroyed.length === 0 && !retrying) {
      this.stats.savedThroughTick = tick;
      return;
    }
    let changes: ChangeSet;
    if (!retrying) {
      const upserts = new Array<EntityRecord>(changed.length);
      for (let i = 0; i < changed.length; i++) upserts[i] = world.snapshotEntity(changed[i] as Entity);
      changes = { upserts, deletes: destroyed, tick };
    } else {
      for (const e of changed) {
        this.retryUpserts.set(e.id, e);
        this.retryDeletes.delete(e.id);
      }
      for (const id of destroyed) {
        this.retryUpserts.delete(id);
        this.retryDeletes.add(id);
      }
      const upserts: EntityRecord[] = [];
      for (const e of this.retryUpserts.values()) if (e.alive) upserts.push(world.snapshotEntity(e));
      changes = { upserts, deletes: [...this.retryDeletes], tick };
    }
    const started = performance.now();
    try {
      // The snapshots hold the live component data: the storage serialises it inside commit, before this returns.
      await this.storage.commit(changes);
    } catch (err) {
      this.stats.failures++;
      if (!retrying) {
        for (const e of changed) this.retryUpserts.set(e.id, e);
        for (const id of destroyed) this.retryDeletes.add(id);
      }
      const now = Date.now();
      if (now - this.lastFailureLog >= FAILURE_LOG_INTERVAL_MS) {
        this.lastFailureLog = now;
        this.logger.error(`${errorMessage(err)} (${this.retryUpserts.size + this.retryDeletes.size} entities kept for the next commit)`);
      }
      return;
    }
    if (retrying) {
      this.retryUpserts.clear();
      this.retryDeletes.clear();
      this.logger.info(`Commit of tick ${tick} succeeded after ${this.stats.failures} failed one(s)`);
    }
    this.stats.commits++;
    this.stats.written += changes.upserts.length;
    this.stats.deleted += changes.deletes.length;
    this.stats.lastTick = tick;
    this.stats.savedThroughTick = tick;
    this.stats.lastCommitMs = performance.now() - started;
  }

  /** Component versions and migrations of the registered components and of the packs about to activate. */
  private packDefinitions(packs: readonly PackRecord[]): { definitions: ComponentVersion[]; migrations: ComponentMigration[] } {
    const definitions: ComponentVersion[] = this.engine.world.registeredComponents().map((c) => ({ name: c.name, version: c.version }));
    const migrations: ComponentMigration[] = [];
    for (const record of packs) {
      try {
        for (const c of record.pack.getComponents?.() ?? []) definitions.push({ name: c.name, version: c.version });
        migrations.push(...(record.pack.getMigrations?.() ?? []));
      } catch (err) {
        // The pack will fail to activate with this same error; its data stays as stored.
        this.logger.warn(`Pack '${record.name}': cannot read its components or migrations before loading: ${errorMessage(err)}`);
      }
    }
    return { definitions, migrations };
  }

  /** Writes back the records a migration changed, so the file holds current versions. */
  private async writeMigrated(migrated: readonly EntityRecord[], original: readonly EntityRecord[]): Promise<void> {
    const upserts: EntityRecord[] = [];
    migrated.forEach((record, i) => {
      const before = original[i];
      if (!before) return;
      for (const [name, c] of Object.entries(record.components)) {
        if (before.components[name]?.version !== c.version) {
          upserts.push(record);
          return;
        }
      }
    });
    await this.storage.commit({ upserts, deletes: [] });
  }
}
