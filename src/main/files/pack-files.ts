import { createHash } from 'node:crypto';
import { lstat, readFile, realpath, rename, stat, unlink } from 'node:fs/promises';
import { dirname, relative, sep } from 'node:path';
import { StudioError } from '../../shared/errors';
import type { CreateRequest, FileContent, FileNode, FileRef, RenameRequest, SaveRequest, SaveResult } from '../../shared/model';
import { languageOf } from '../../shared/pack-paths';
import { MAX_FILE_BYTES } from '../../shared/validation';
import { confine, isInside, type ConfinedPath } from './confine';
import { ConfinedFolder, refuseProtected } from './confined-folder';
import { filePaths, readFileTree } from './file-tree';

/** A short hash of a file's content: what a save names to detect a newer file on disk. */
export function contentVersion(content: string | Uint8Array): string {
  return createHash('sha1').update(content).digest('hex').slice(0, 16);
}

/** The last segment of the path a write uses: as resolved (links followed) or as named. */
function leafOf(target: ConfinedPath, which: 'real' | 'lexical' = 'real'): string {
  const path = which === 'real' ? target.realRelative : target.relative;
  return path.slice(path.lastIndexOf('/') + 1);
}

function errno(err: unknown): string | undefined {
  return (err as NodeJS.ErrnoException | undefined)?.code;
}

/** Turns a file system error into a sentence about the file the user named. */
function fileError(err: unknown, ref: { pack: string; path: string }, action: string): StudioError {
  if (err instanceof StudioError) return err;
  const where = `${ref.pack}/${ref.path}`;
  switch (errno(err)) {
    case 'ENOENT':
      return new StudioError('not-found', `Cannot ${action} ${where}: there is no such file`);
    case 'EEXIST':
      return new StudioError('conflict', `Cannot ${action} ${where}: a file of that name exists`);
    case 'EISDIR':
      return new StudioError('invalid-argument', `Cannot ${action} ${where}: it is a folder, not a file`);
    case 'ENOTDIR':
      return new StudioError('invalid-argument', `Cannot ${action} ${where}: a part of the path is a file, not a folder`);
    case 'EACCES':
    case 'EPERM':
      return new StudioError('forbidden', `Cannot ${action} ${where}: permission denied`);
    case 'ENOSPC':
      return new StudioError('internal', `Cannot ${action} ${where}: the disk is full; nothing was changed`);
    default:
      return new StudioError('internal', `Cannot ${action} ${where}: ${(err as Error)?.message ?? String(err)}`);
  }
}

/**
 * File access for the studio, confined to the pack folders: every path is
 * checked (confine) before use, writes are atomic, and every failure is a
 * StudioError that names the file and leaves the disk as it was.
 */
export class PackFiles {
  /** `packDir(name)` gives the folder of a pack loaded from disk, or undefined. */
  constructor(private readonly packDir: (pack: string) => string | undefined) {}

  private dirOf(pack: string): string {
    const dir = this.packDir(pack);
    if (!dir) throw new StudioError('not-found', `No pack named '${pack}' is loaded from a folder`);
    return dir;
  }

  private async resolve(ref: FileRef): Promise<ConfinedPath> {
    return confine(this.dirOf(ref.pack), ref.path);
  }

  async tree(pack: string): Promise<FileNode[]> {
    return readFileTree(this.dirOf(pack));
  }

  async read(ref: FileRef): Promise<FileContent> {
    const target = await this.resolve(ref);
    try {
      const info = await stat(target.real);
      if (!info.isFile()) throw Object.assign(new Error('not a file'), { code: 'EISDIR' });
      if (info.size > MAX_FILE_BYTES) throw new StudioError('too-large', `${ref.pack}/${target.relative} is larger than ${MAX_FILE_BYTES / 1024 / 1024} MB; the studio does not open it`);
      const bytes = await readFile(target.real);
      if (bytes.includes(0)) throw new StudioError('invalid-argument', `${ref.pack}/${target.relative} is not a text file`);
      return { pack: ref.pack, path: target.relative, content: bytes.toString('utf8'), version: contentVersion(bytes) };
    } catch (err) {
      throw fileError(err, { pack: ref.pack, path: target.relative }, 'read');
    }
  }

  /** Every TypeScript, JavaScript and JSON file of the pack (for IntelliSense). */
  async sources(pack: string): Promise<FileContent[]> {
    const paths = filePaths(await this.tree(pack)).filter((p) => ['typescript', 'javascript', 'json'].includes(languageOf(p)));
    const files = await Promise.all(paths.map((path) => this.read({ pack, path }).catch(() => undefined)));
    return files.filter((f): f is FileContent => f !== undefined);
  }

  async save(request: SaveRequest): Promise<SaveResult> {
    const target = await this.resolveForWrite(request);
    const ref = { pack: request.pack, path: target.relative };
    const creating = request.baseVersion === undefined;
    let folder: ConfinedFolder | undefined;
    try {
      folder = await this.folderOf(target, creating).catch((err) => {
        if (!creating && errno(err) === 'ENOENT') throw new StudioError('conflict', `${ref.pack}/${ref.path} was deleted on disk since it was opened; save again to create it`);
        throw err;
      });
      const name = leafOf(target);
      if (!creating) {
        const current = await folder.readFile(name);
        if (current === undefined) throw new StudioError('conflict', `${ref.pack}/${ref.path} was deleted on disk since it was opened; save again to create it`);
        if (contentVersion(current) !== request.baseVersion) {
          throw new StudioError('conflict', `${ref.pack}/${ref.path} changed on disk since it was opened; reload it, or save again to overwrite`);
        }
      }
      await folder.writeAtomic(name, request.content);
    } catch (err) {
      throw fileError(err, ref, 'save');
    } finally {
      await folder?.close();
    }
    return { ...ref, version: contentVersion(request.content), bytes: Buffer.byteLength(request.content) };
  }

  async create(request: CreateRequest): Promise<SaveResult> {
    const target = await this.resolveForWrite(request);
    const ref = { pack: request.pack, path: target.relative };
    const content = request.content ?? '';
    let folder: ConfinedFolder | undefined;
    try {
      if (await this.exists(target.lexical)) throw new StudioError('conflict', `Cannot create ${ref.pack}/${ref.path}: a file or folder of that name exists`);
      folder = await this.folderOf(target, true);
      await folder.writeAtomic(leafOf(target), content, { exclusive: true });
    } catch (err) {
      throw fileError(err, ref, 'create');
    } finally {
      await folder?.close();
    }
    return { ...ref, version: contentVersion(content), bytes: Buffer.byteLength(content) };
  }

  async rename(request: RenameRequest): Promise<FileRef> {
    const from = await this.resolveForWrite({ pack: request.pack, path: request.from });
    const to = await this.resolveForWrite({ pack: request.pack, path: request.to });
    const ref = { pack: request.pack, path: from.relative };
    let source: ConfinedFolder | undefined;
    let destination: ConfinedFolder | undefined;
    try {
      await this.mustExistAsFile(from, ref);
      if (from.relative === to.relative) return { pack: request.pack, path: to.relative };
      if (await this.exists(to.lexical)) throw new StudioError('conflict', `Cannot rename ${ref.pack}/${ref.path} to ${to.relative}: a file or folder of that name exists`);
      // The file itself moves (a link of that name is moved as a link): its folder is walked without following links.
      source = await this.folderHolding(from);
      destination = await this.folderOf(to, true);
      await rename(source.entry(leafOf(from, 'lexical')), destination.entry(leafOf(to)));
    } catch (err) {
      throw fileError(err, ref, 'rename');
    } finally {
      await source?.close();
      await destination?.close();
    }
    return { pack: request.pack, path: to.relative };
  }

  async remove(ref: FileRef): Promise<void> {
    const target = await this.resolveForWrite(ref);
    const named = { pack: ref.pack, path: target.relative };
    let folder: ConfinedFolder | undefined;
    try {
      await this.mustExistAsFile(target, named);
      folder = await this.folderHolding(target);
      await unlink(folder.entry(leafOf(target, 'lexical')));
    } catch (err) {
      throw fileError(err, named, 'delete');
    } finally {
      await folder?.close();
    }
  }

  /** Confines a path for a write, refusing `.git/` and `node_modules/` of a pack, as named and as resolved. */
  private async resolveForWrite(ref: FileRef): Promise<ConfinedPath> {
    const target = await this.resolve(ref);
    refuseProtected(target.relative);
    refuseProtected(target.realRelative);
    return target;
  }

  /** The folder that holds the entry as named (a link of that name, not what it points at), opened link by link. */
  private async folderHolding(target: ConfinedPath): Promise<ConfinedFolder> {
    const parent = await realpath(dirname(target.lexical));
    if (!isInside(target.realRoot, parent)) throw new StudioError('forbidden', `The path ${JSON.stringify(target.relative)} is refused: it leads out of the pack folder`);
    const folders = relative(target.realRoot, parent).split(sep).filter((p) => p !== '');
    return ConfinedFolder.open(target.realRoot, folders, { create: false, shown: target.relative });
  }

  /** The folder a write goes to, opened link by link from the pack's real root (where confine resolved it). */
  private folderOf(target: ConfinedPath, create: boolean): Promise<ConfinedFolder> {
    return ConfinedFolder.open(target.realRoot, target.realRelative.split('/').slice(0, -1), { create, shown: target.relative });
  }

  private async exists(path: string): Promise<boolean> {
    try {
      await lstat(path);
      return true;
    } catch (err) {
      if (errno(err) === 'ENOENT') return false;
      throw err;
    }
  }

  private async mustExistAsFile(target: ConfinedPath, ref: { pack: string; path: string }): Promise<void> {
    const info = await stat(target.real).catch((err) => {
      throw fileError(err, ref, 'find');
    });
    if (!info.isFile()) throw new StudioError('invalid-argument', `${ref.pack}/${ref.path} is a folder, not a file`);
  }
}
