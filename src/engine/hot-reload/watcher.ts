import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { dirname, relative, sep } from 'node:path';
import { watch, type FSWatcher } from 'chokidar';
import type { Logger } from '../core/logger';
import { isIgnoredPath } from './watch-filter';

export interface PackWatcherOptions {
  logger: Logger;
  /** Seconds of quiet after the last change before a pack reloads. */
  debounceSeconds: number;
  /** Runs the reload of a pack with the files that changed (absolute paths); what it resolves with is not used. */
  reload: (packName: string, changedFiles: string[]) => Promise<unknown>;
}

interface WatchedPack {
  name: string;
  dir: string;
  /** The pack's folder: changed files are named relative to it (`src/commands/fish.ts`). */
  packDir: string;
  /** Logs as the pack (record source = its name), so a filter by pack keeps its watcher lines. */
  log: Logger;
  watcher: FSWatcher;
  /** Content hash of each file as last seen, to skip saves that changed nothing. */
  hashes: Map<string, string>;
  pending: Set<string>;
  /** The watched folder a path is in (`src/` or `areas/`), if any. */
  rootOf: (path: string) => string | undefined;
  timer?: NodeJS.Timeout;
  running?: Promise<void>;
}

function hash(content: Buffer): string {
  return createHash('sha1').update(content).digest('hex');
}

/**
 * Watches each pack's source folder and turns a burst of saves into one
 * reload of that pack, after `debounceSeconds` of quiet. A save arriving
 * while the pack reloads waits and causes exactly one more reload.
 */
export class PackWatcher {
  private readonly packs = new Map<string, WatchedPack>();

  constructor(private readonly options: PackWatcherOptions) {}

  get watchedPacks(): { name: string; dir: string }[] {
    return [...this.packs.values()].map(({ name, dir }) => ({ name, dir }));
  }

  /**
   * Starts watching a pack's source folder (its `src/` unless told) and its
   * area files' folder (`areas/`, also when it does not exist yet); resolves
   * once the initial scan is done.
   */
  async watch(packName: string, srcDir: string, packDir = dirname(srcDir), areasDir?: string): Promise<void> {
    await this.unwatch(packName);
    const roots = areasDir ? [srcDir, areasDir] : [srcDir];
    const rootOf = (path: string) => roots.find((r) => path === r || path.startsWith(r + sep));
    // The pack folder is watched, so an areas/ folder made later is seen; only the roots' files count.
    const top = areasDir ? packDir : srcDir;
    const watcher = watch(top, {
      ignoreInitial: false,
      ignored: (path, stats) => {
        if (path === top) return false;
        const root = rootOf(path);
        if (!root) return !roots.some((r) => r.startsWith(path + sep));
        return path !== root && isIgnoredPath(relative(root, path), stats ? (stats.isDirectory() ? 'directory' : 'file') : 'unknown');
      },
      atomic: true,
    });
    const pack: WatchedPack = { name: packName, dir: srcDir, packDir, log: this.options.logger.child(packName), watcher, hashes: new Map(), pending: new Set(), rootOf };
    this.packs.set(packName, pack);
    let ready = false;
    watcher.on('add', (file) => void this.onFile(pack, file, ready));
    watcher.on('change', (file) => void this.onFile(pack, file, true));
    watcher.on('unlink', (file) => this.onUnlink(pack, file));
    watcher.on('error', (err) => pack.log.warn(`Watcher error for pack '${packName}': ${String(err)}`));
    await new Promise<void>((resolve) => watcher.once('ready', () => resolve()));
    // Hash what is there now, so the first real save is compared with it.
    await Promise.all([...pack.pending].map(async (file) => pack.hashes.set(file, hash(await readFile(file).catch(() => Buffer.alloc(0))))));
    pack.pending.clear();
    ready = true;
    pack.log.info(`Watching: ${packName} at ${srcDir}`);
  }

  async unwatch(packName: string): Promise<void> {
    const pack = this.packs.get(packName);
    if (!pack) return;
    this.packs.delete(packName);
    if (pack.timer) clearTimeout(pack.timer);
    await pack.watcher.close();
    await pack.running;
  }

  /**
   * Hands over the changes of a pack still in their quiet time (not yet
   * reloading) and cancels their reload: a reload asked for now reads the
   * files as they are, so a second reload of the same changes after it
   * would only repeat it (and come after it on the timeline).
   */
  takePending(packName: string): string[] {
    const pack = this.packs.get(packName);
    if (!pack || pack.running || pack.pending.size === 0) return [];
    if (pack.timer) clearTimeout(pack.timer);
    pack.timer = undefined;
    const files = [...pack.pending].sort();
    pack.pending.clear();
    return files;
  }

  async close(): Promise<void> {
    await Promise.all([...this.packs.keys()].map((name) => this.unwatch(name)));
  }

  private async onFile(pack: WatchedPack, file: string, ready: boolean): Promise<void> {
    const root = pack.rootOf(file);
    if (!root || isIgnoredPath(relative(root, file), 'file')) return;
    if (!ready) {
      pack.pending.add(file);
      return;
    }
    let content: Buffer;
    try {
      content = await readFile(file);
    } catch {
      return; // Gone again already (an atomic save's temp file); its unlink tells the rest.
    }
    const digest = hash(content);
    if (pack.hashes.get(file) === digest) {
      pack.log.debug(`Unchanged content, no reload: ${relative(pack.packDir, file)}`);
      return;
    }
    pack.hashes.set(file, digest);
    this.changed(pack, file);
  }

  private onUnlink(pack: WatchedPack, file: string): void {
    if (!pack.hashes.delete(file)) return; // never seen: not a watched source file
    this.changed(pack, file);
  }

  private changed(pack: WatchedPack, file: string): void {
    // The path within the pack: a pack may have two fish.ts.
    pack.log.info(`File changed: ${relative(pack.packDir, file).split('\\').join('/')}`);
    pack.pending.add(file);
    if (pack.timer) clearTimeout(pack.timer);
    pack.timer = setTimeout(() => this.flush(pack), this.options.debounceSeconds * 1000);
  }

  private flush(pack: WatchedPack): void {
    pack.timer = undefined;
    if (pack.running || pack.pending.size === 0) return; // the running reload picks these up when it ends
    const files = [...pack.pending].sort();
    pack.pending.clear();
    pack.log.info(`Triggering reload for pack: ${pack.name}`);
    pack.running = this.options
      .reload(pack.name, files)
      .then(() => undefined, (err) => pack.log.error(`Reload of '${pack.name}' failed unexpectedly: ${String(err)}`))
      .finally(() => {
        pack.running = undefined;
        if (pack.pending.size > 0 && !pack.timer && this.packs.get(pack.name) === pack) this.flush(pack);
      });
  }
}
