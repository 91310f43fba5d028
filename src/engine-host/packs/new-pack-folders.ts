import { basename, join, relative, sep } from 'node:path';
import { watch, type FSWatcher } from 'chokidar';
import { isPackDir } from '../../engine/host';

export interface NewPackFoldersOptions {
  packsDir: string;
  debounceSeconds: number;
  /** Whether a folder is one the server already knows (loaded, or kept aside as broken). */
  isKnown(dir: string): boolean;
  /** Whether a new pack folder should load (all of them, or with --content only a dependency some pack waits for). */
  isWanted(dir: string): boolean;
  /** Loads the new pack folder. */
  load(dir: string): Promise<void>;
}

/**
 * With --watch, a pack folder that appears in the packs folder while the
 * server runs loads once its files are written (after the watcher's quiet
 * time): adding the pack another one depends on is how that missing
 * dependency gets fixed, and the waiting pack then loads too.
 */
export class NewPackFolders {
  private watcher: FSWatcher | undefined;
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly running = new Set<Promise<void>>();

  constructor(private readonly options: NewPackFoldersOptions) {}

  async start(): Promise<void> {
    const { packsDir } = this.options;
    const watcher = watch(packsDir, {
      ignoreInitial: true,
      depth: 3,
      ignored: (path) => relative(packsDir, path).split(sep).some((part) => part === 'node_modules' || (part.startsWith('.') && part !== '.')),
    });
    this.watcher = watcher;
    watcher.on('all', (_event, path) => this.changed(path));
    await new Promise<void>((resolve) => watcher.once('ready', () => resolve()));
  }

  async close(): Promise<void> {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    await this.watcher?.close();
    this.watcher = undefined;
    await Promise.all([...this.running]);
  }

  private changed(path: string): void {
    const folder = relative(this.options.packsDir, path).split(sep)[0];
    if (!folder || folder === '..') return;
    const dir = join(this.options.packsDir, folder);
    if (this.options.isKnown(dir)) return;
    clearTimeout(this.timers.get(dir));
    this.timers.set(
      dir,
      setTimeout(() => {
        this.timers.delete(dir);
        if (this.options.isKnown(dir) || !isPackDir(dir) || !this.options.isWanted(dir)) return;
        const run = this.options.load(dir).finally(() => this.running.delete(run));
        this.running.add(run);
      }, this.options.debounceSeconds * 1000),
    );
  }
}

/** The folder name a pack is expected to have (`packs/starter-world`), to tell whether a new folder is a dependency some pack waits for. */
export const folderName = (dir: string) => basename(dir);
