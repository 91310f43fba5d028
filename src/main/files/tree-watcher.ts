import { readFile } from 'node:fs/promises';
import { relative, sep } from 'node:path';
import { watch, type FSWatcher } from 'chokidar';
import { isShownInTree } from './file-tree';
import { contentVersion } from './pack-files';

export interface TreeWatcherListener {
  /** Files or folders appeared or vanished in the pack (debounced). */
  treeChanged(pack: string): void;
  /** A file's content changed on disk; `version` is the hash of its new content. */
  fileChanged(pack: string, path: string, version: string): void;
}

/** How long the tree waits after a file appears or vanishes before it tells, to group a burst. */
const TREE_SETTLE_MS = 60;

/**
 * Watches pack folders for the file tree: files and folders appearing and
 * vanishing, and content changes (so an open editor tab can follow an
 * outside edit). Reloads are the engine's watcher's job, not this one's.
 */
export class TreeWatcher {
  private readonly watchers = new Map<string, { dir: string; watcher: FSWatcher; timer?: NodeJS.Timeout }>();

  constructor(private readonly listener: TreeWatcherListener) {}

  async watch(pack: string, dir: string): Promise<void> {
    await this.unwatch(pack);
    const watcher = watch(dir, {
      ignoreInitial: true,
      ignored: (path) => path !== dir && !isShownInTree(relative(dir, path)),
      depth: 12,
    });
    const entry: { dir: string; watcher: FSWatcher; timer?: NodeJS.Timeout } = { dir, watcher };
    this.watchers.set(pack, entry);
    const structural = () => {
      if (entry.timer) clearTimeout(entry.timer);
      entry.timer = setTimeout(() => {
        entry.timer = undefined;
        this.listener.treeChanged(pack);
      }, TREE_SETTLE_MS);
    };
    for (const event of ['add', 'unlink', 'addDir', 'unlinkDir'] as const) watcher.on(event, structural);
    watcher.on('change', (file: string) => {
      void readFile(file).then(
        (bytes) => this.listener.fileChanged(pack, relative(dir, file).split(sep).join('/'), contentVersion(bytes)),
        () => {}, // gone again already: its unlink updates the tree
      );
    });
    watcher.on('error', () => {}); // a vanished folder or a permission problem must not take the studio down
    await new Promise<void>((resolve) => watcher.once('ready', () => resolve()));
  }

  async unwatch(pack: string): Promise<void> {
    const entry = this.watchers.get(pack);
    if (!entry) return;
    this.watchers.delete(pack);
    if (entry.timer) clearTimeout(entry.timer);
    await entry.watcher.close();
  }

  async close(): Promise<void> {
    await Promise.all([...this.watchers.keys()].map((pack) => this.unwatch(pack)));
  }
}
