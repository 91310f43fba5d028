import { readFileSync } from 'node:fs';
import { basename, join, relative, sep } from 'node:path';
import { errorMessage, missingPackOf, type GameEngine, type PackRecord } from '../../engine/host';
import { PACK_ENTRY, packEntry } from '../../engine/packs/discover';
import { orderPacks } from '../../engine/packs/order';
import { PackWatcher } from '../../engine/hot-reload/watcher';
import type { LinkFailure, LinkLoadAttempt } from '../../link/frames';
import { failureOf } from './failure';

/** A pack folder the engine could not read (its code does not compile, its name is taken, ...). */
export interface UnreadPack {
  /** The folder's name: its manifest may not be readable. */
  name: string;
  dir: string;
  reason: string;
  /** Where it failed (file, line and column relative to the pack folder when known), for the studio. */
  failure: LinkFailure;
  /** The pack its code imported that was not loaded: when that one loads, this one is tried again. */
  waitingFor?: string;
}

/** One pack that is not being served, and why, for the start-up report and `--strict`. */
export interface BrokenPack {
  name: string;
  dir?: string;
  /** The cause, with the file:line it points at when there is one. */
  reason: string;
}

/**
 * The server's one policy for packs that cannot load: every pack that can
 * load is served; each one that cannot is named with its cause and kept
 * aside. With watching on, a kept-aside folder is watched and loaded again
 * as soon as a save fixes it (and then what waited for it). `--strict`
 * reads `broken()` and refuses to start instead.
 */
export class BrokenPackKeeper {
  private readonly unread = new Map<string, UnreadPack>();
  private watcher: PackWatcher | undefined;

  /** `watching`: the server will watch (`--watch`), so the advice is to save a fix rather than restart. */
  constructor(
    private readonly engine: GameEngine,
    private readonly watching = false,
    /** Around reading a folder's code (a process host tracks which pack was starting if the process dies). */
    private readonly reading: {
      before?(folder: string): void;
      after?(folder: string, loaded: boolean): void;
      /** A kept-aside folder was tried again: the studio's timeline shows each try. */
      attempted?(attempt: LinkLoadAttempt): void;
    } = {},
  ) {}

  /** Reads a pack folder into the engine; false (and the pack kept aside, logged) when it cannot be read. */
  async read(dir: string, retry?: { trigger: LinkLoadAttempt['trigger']; changedFiles: string[] }): Promise<boolean> {
    const started = performance.now();
    // Only a retry, or a first read that failed, is news for the timeline; the first load of a healthy pack is not a reload.
    const attempted = (success: boolean, failure?: LinkFailure) => {
      if (!retry && success) return;
      const name = this.engine.listPacks().find((r) => r.dir === dir)?.name ?? basename(dir);
      this.reading.attempted?.({ packName: name, success, trigger: retry?.trigger ?? 'load', changedFiles: retry?.changedFiles ?? [], durationMs: performance.now() - started, ...(failure ? { failure } : {}) });
    };
    try {
      this.reading.before?.(basename(dir));
      // A retry that loads is reported before the packs that waited for it reload (the timeline reads in that order).
      await this.engine.loadPackFromPath(dir, retry ? { retryDependants: false } : {}).then(
        () => this.reading.after?.(basename(dir), true),
        (err: unknown) => {
          this.reading.after?.(basename(dir), false);
          throw err;
        },
      );
      this.unread.delete(dir);
      attempted(true);
      if (retry) {
        const name = this.engine.listPacks().find((r) => r.dir === dir)?.name;
        if (name) await this.engine.hotReload.retryFailedDependants(name);
      }
      return true;
    } catch (err) {
      const waitingFor = missingPackOf(err);
      const pack: UnreadPack = { name: basename(dir), dir, reason: withManifestLine(errorMessage(err), dir), failure: failureOf(err), ...(waitingFor !== undefined ? { waitingFor } : {}) };
      attempted(false, pack.failure);
      const first = !this.unread.has(dir);
      this.unread.set(dir, pack);
      if (first || this.watcher) this.engine.logger.error(`Pack '${pack.name}' was not loaded: ${pack.reason}. ${this.advice()}`);
      // A folder first seen while watching (a new pack folder) is watched from now on, like those kept aside at start.
      if (first && this.watcher) await this.watcher.watch(pack.name, join(dir, 'src'));
      return false;
    }
  }

  /**
   * Keeps a folder aside without reading it (a pack the supervisor disabled
   * because it brought the engine down as it started); with watching on, a
   * save to it tries it again.
   */
  keepAside(dir: string, reason: string): void {
    const pack: UnreadPack = { name: basename(dir), dir, reason, failure: { message: reason, phase: 'load' } };
    this.unread.set(dir, pack);
    this.engine.logger.error(`Pack '${pack.name}' was not loaded: ${reason}. ${this.advice()}`);
  }

  /**
   * Packs not served: folders that could not be read, packs that failed to
   * activate, and (before the engine starts) packs read whose dependencies
   * are missing or circular, which the engine will fail.
   */
  broken(): BrokenPack[] {
    const records = this.engine.listPacks();
    const pending = records.filter((r) => r.status === 'pending');
    const { failed: unorderable } = orderPacks(pending.map((r) => r.manifest), new Set(records.filter((r) => r.status === 'loaded').map((r) => r.name)));
    const failed = records
      .filter((r) => r.status === 'failed' || unorderable.has(r.name))
      .map((r) => ({ name: r.name, ...(r.dir ? { dir: r.dir } : {}), reason: this.failedReason(r, unorderable.get(r.name)?.message) }));
    return [...[...this.unread.values()].map(({ name, dir, reason }) => ({ name, dir, reason })), ...failed];
  }

  /** Whether the folder is one the server knows: a pack read from it, or kept aside. */
  knows(dir: string): boolean {
    return this.unread.has(dir) || this.engine.listPacks().some((r) => r.dir === dir);
  }

  /** The folders kept aside, with why. */
  unreadPacks(): UnreadPack[] {
    return [...this.unread.values()];
  }

  /** Tries a kept-aside folder again now (the author asked); false when no such folder is kept aside. */
  async retryNow(name: string): Promise<boolean> {
    const pack = [...this.unread.values()].find((p) => p.name === name);
    if (!pack) return false;
    await this.retry(name, 'manual', []);
    return true;
  }

  /** Folder names of the packs kept aside (for the start-up summary). */
  get waiting(): string[] {
    return [...this.unread.values()].map((p) => p.name);
  }

  /** Watches the folders kept aside and loads each again when one of its files is saved. */
  async watch(debounceSeconds: number): Promise<void> {
    if (this.watcher) return;
    this.watcher = new PackWatcher({ logger: this.engine.logger, debounceSeconds, reload: (name, changedFiles) => this.retry(name, 'file', changedFiles ?? []) });
    for (const pack of this.unread.values()) await this.watcher.watch(pack.name, join(pack.dir, 'src'));
  }

  async close(): Promise<void> {
    const watcher = this.watcher;
    this.watcher = undefined;
    await watcher?.close();
  }

  /** A save in a kept-aside folder: read it again; once it loads the engine's own watcher takes it over. */
  private async retry(name: string, trigger: LinkLoadAttempt['trigger'], changedFiles: string[]): Promise<void> {
    const pack = [...this.unread.values()].find((p) => p.name === name);
    const files = changedFiles.map((f) => relative(pack?.dir ?? '', f).split(sep).join('/'));
    if (!pack || !(await this.read(pack.dir, { trigger, changedFiles: files }))) return;
    this.engine.logger.info(`Loaded pack '${this.engine.listPacks().find((r) => r.dir === pack.dir)?.name ?? name}' from ${pack.dir} after the fix`);
    // Not awaited: this runs inside the watcher's reload of that very folder, which unwatch waits for.
    void this.watcher?.unwatch(name);
    await this.loadWaitingFor(pack.dir);
  }

  /** Reads again the folders whose code imported the pack that just loaded from `dir`. */
  private async loadWaitingFor(dir: string): Promise<void> {
    const loaded = this.engine.listPacks().find((r) => r.dir === dir)?.name;
    if (loaded === undefined) return;
    for (const waiting of [...this.unread.values()].filter((p) => p.waitingFor === loaded)) {
      if (await this.read(waiting.dir, { trigger: 'dependency', changedFiles: [] })) void this.watcher?.unwatch(waiting.name);
    }
  }

  private advice(): string {
    return this.watching ? 'The other packs keep running; save a fix and it loads' : 'The other packs keep running; fix it and restart (with --watch it loads as soon as it is fixed)';
  }

  /** A failed pack's error, pointed at its manifest's line when the cause is in the manifest (a dependency). */
  private failedReason(record: PackRecord, expected?: string): string {
    const reason = record.error ?? expected ?? 'it failed to load';
    if (!/depends on|Circular dependency/.test(reason)) return reason;
    return record.dir ? withManifestLine(reason, record.dir) : reason;
  }
}

/**
 * An error about the manifest (a taken name, a dependency) has no file:line
 * of its own: point it at the line of the entry where the manifest is written.
 */
function withManifestLine(reason: string, dir: string): string {
  if (!/same name|depends on|Circular dependency|manifest/.test(reason) || / at [^ ]+:\d+:\d+/.test(reason)) return reason;
  const entry = join(dir, packEntry(dir) ?? PACK_ENTRY);
  let lines: string[];
  try {
    lines = readFileSync(entry, 'utf8').split('\n');
  } catch {
    return reason;
  }
  const at = lines.findIndex((l) => /\bmanifest\b\s*[:=(]/.test(l));
  return at < 0 ? reason : `${reason} (manifest at ${relative(dir, entry)}:${at + 1})`;
}
