/**
 * Writes that cannot escape a pack, even while someone swaps a folder for a
 * symbolic link during the save. Checking a path and then writing to it by
 * name leaves a window in which the path can change; here the check and the
 * write are on the same folder: each folder of the path is opened from the
 * one before without following links (O_NOFOLLOW | O_DIRECTORY), what was
 * opened is verified to be a folder, and the temp file and the rename go
 * through that open folder (Linux's /proc/self/fd/N names the opened folder
 * itself, not whatever its path leads to now). Where /proc is missing
 * (macOS), the same walk is done by path: links are still refused at every
 * step, but a swap between two steps is not ruled out.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, constants as fs } from 'node:fs';
import { link, lstat, mkdir, open, readFile, rename, unlink, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { StudioError } from '../../shared/errors';

const HAS_PROC_FD = process.platform === 'linux' && existsSync('/proc/self/fd');
const DIR_FLAGS = fs.O_RDONLY | (fs.O_DIRECTORY ?? 0) | (fs.O_NOFOLLOW ?? 0);

/** Folder names the studio never writes into: a pack's repository and its installed packages. */
const PROTECTED = new Set(['.git', 'node_modules']);

/** Refuses a write whose path goes through `.git/` or `node_modules/` (any letter case). */
export function refuseProtected(relative: string): void {
  const hit = relative.split('/').find((part) => PROTECTED.has(part.toLowerCase()));
  if (hit) throw new StudioError('forbidden', `The studio does not write into ${hit}/ of a pack: ${relative} is refused`);
}

function errno(err: unknown): string | undefined {
  return (err as NodeJS.ErrnoException | undefined)?.code;
}

/** An open folder inside a pack: every name below it is resolved from it, never from a path that may have changed. */
export class ConfinedFolder {
  private constructor(
    private readonly handle: FileHandle,
    /** The folder's path as the walk went (used where /proc is missing, and in messages). */
    private readonly lexical: string,
  ) {}

  /**
   * Opens `folders` (path segments) below the pack's real root, creating the
   * missing ones when `create`, refusing any that is a symbolic link.
   */
  static async open(realRoot: string, folders: string[], options: { create: boolean; shown: string }): Promise<ConfinedFolder> {
    let current = new ConfinedFolder(await open(realRoot, DIR_FLAGS), realRoot);
    try {
      await current.verifyFolder(options.shown);
      for (const name of folders) {
        const next = await current.openChild(name, options);
        await current.close();
        current = next;
      }
      return current;
    } catch (err) {
      await current.close();
      throw err;
    }
  }

  /** The path that reaches `name` inside this very folder. */
  entry(name: string): string {
    return HAS_PROC_FD ? `/proc/self/fd/${this.handle.fd}/${name}` : join(this.lexical, name);
  }

  private async openChild(name: string, options: { create: boolean; shown: string }): Promise<ConfinedFolder> {
    const path = this.entry(name);
    const attempt = () => open(path, DIR_FLAGS);
    let handle: FileHandle;
    try {
      handle = await attempt();
    } catch (err) {
      if (errno(err) === 'ENOENT' && options.create) {
        await mkdir(path).catch((e) => (errno(e) === 'EEXIST' ? undefined : Promise.reject(e)));
        handle = await attempt().catch((e) => Promise.reject(linkRefusal(e, options.shown)));
      } else {
        throw linkRefusal(err, options.shown);
      }
    }
    const child = new ConfinedFolder(handle, join(this.lexical, name));
    try {
      await child.verifyFolder(options.shown);
    } catch (err) {
      await child.close();
      throw err;
    }
    return child;
  }

  /** What was opened is a folder (O_DIRECTORY says so; checked again on the handle itself). */
  private async verifyFolder(shown: string): Promise<void> {
    if (!(await this.handle.stat()).isDirectory()) throw new StudioError('forbidden', `The path ${JSON.stringify(shown)} is refused: a part of it is not a folder`);
  }

  /** The file's content, refusing a symbolic link; undefined when there is no such file. */
  async readFile(name: string): Promise<Buffer | undefined> {
    let handle: FileHandle;
    try {
      handle = await open(this.entry(name), fs.O_RDONLY | (fs.O_NOFOLLOW ?? 0));
    } catch (err) {
      if (errno(err) === 'ENOENT') return undefined;
      throw err;
    }
    try {
      return await readFile(handle);
    } finally {
      await handle.close();
    }
  }

  /** lstat of a name in this folder; undefined when there is none. */
  async lstat(name: string) {
    return lstat(this.entry(name)).catch((err) => (errno(err) === 'ENOENT' ? undefined : Promise.reject(err)));
  }

  /**
   * Writes `name` atomically inside this folder: a temp file created here
   * (O_EXCL: never through a link), flushed, then renamed over `name` (a
   * link of that name is replaced, not followed), or linked to it when
   * `exclusive` (fails if `name` exists). Keeps an existing file's mode.
   */
  async writeAtomic(name: string, content: string | Uint8Array, options: { exclusive?: boolean } = {}): Promise<void> {
    const existing = await this.lstat(name);
    if (existing?.isDirectory()) throw Object.assign(new Error(`${name} is a folder`), { code: 'EISDIR' });
    const mode = existing?.isFile() ? existing.mode & 0o777 : 0o644;
    const temp = `${name}.maid-tmp-${randomBytes(6).toString('hex')}`;
    const file = await open(this.entry(temp), fs.O_WRONLY | fs.O_CREAT | fs.O_EXCL | (fs.O_NOFOLLOW ?? 0), mode);
    try {
      try {
        await file.writeFile(content);
        await file.sync();
      } finally {
        await file.close();
      }
      if (options.exclusive) {
        await this.linkNew(temp, name);
      } else {
        await rename(this.entry(temp), this.entry(name));
      }
    } catch (err) {
      await unlink(this.entry(temp)).catch(() => {});
      throw err;
    }
  }

  /** Gives the temp file its name only if that name is free (link fails if it exists); without hard links, checks then renames. */
  private async linkNew(temp: string, name: string): Promise<void> {
    try {
      await link(this.entry(temp), this.entry(name));
    } catch (err) {
      if (errno(err) !== 'EPERM' && errno(err) !== 'ENOTSUP' && errno(err) !== 'EOPNOTSUPP') throw err;
      if (await this.lstat(name)) throw Object.assign(new Error(`${name} exists`), { code: 'EEXIST' });
      await rename(this.entry(temp), this.entry(name));
      return;
    }
    await unlink(this.entry(temp));
  }

  async close(): Promise<void> {
    await this.handle.close().catch(() => {});
  }
}

function linkRefusal(err: unknown, shown: string): unknown {
  const code = errno(err);
  // O_NOFOLLOW on a link gives ELOOP; O_DIRECTORY on a file (or on a link, on some systems) gives ENOTDIR.
  if (code === 'ELOOP' || code === 'EMLINK') return new StudioError('forbidden', `The path ${JSON.stringify(shown)} is refused: a folder on the way is a symbolic link`);
  if (code === 'ENOTDIR') return new StudioError('forbidden', `The path ${JSON.stringify(shown)} is refused: a part of it is a link or a file, not a folder`);
  return err;
}
