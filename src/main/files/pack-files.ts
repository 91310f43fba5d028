import { createHash } from 'node:crypto';
import { lstat, mkdir, readFile, rename, stat, unlink } from 'node:fs/promises';
import { dirname } from 'node:path';
import { StudioError } from '../../shared/errors';
import type { CreateRequest, FileContent, FileNode, FileRef, RenameRequest, SaveRequest, SaveResult } from '../../shared/model';
import { languageOf } from '../../shared/pack-paths';
import { MAX_FILE_BYTES } from '../../shared/validation';
import { writeFileAtomic } from './atomic-write';
import { confine, type ConfinedPath } from './confine';
import { filePaths, readFileTree } from './file-tree';

/** A short hash of a file's content: what a save names to detect a newer file on disk. */
export function contentVersion(content: string | Uint8Array): string {
  return createHash('sha1').update(content).digest('hex').slice(0, 16);
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
    const target = await this.resolve(request);
    const ref = { pack: request.pack, path: target.relative };
    try {
      if (request.baseVersion !== undefined) {
        const current = await readFile(target.real).catch((err) => (errno(err) === 'ENOENT' ? undefined : Promise.reject(err)));
        if (current === undefined) throw new StudioError('conflict', `${ref.pack}/${ref.path} was deleted on disk since it was opened; save again to create it`);
        if (contentVersion(current) !== request.baseVersion) {
          throw new StudioError('conflict', `${ref.pack}/${ref.path} changed on disk since it was opened; reload it, or save again to overwrite`);
        }
      } else {
        await mkdir(dirname(target.real), { recursive: true });
        await this.resolve(request); // the folders just made are still inside the pack
      }
      await writeFileAtomic(target.real, request.content);
    } catch (err) {
      throw fileError(err, ref, 'save');
    }
    return { ...ref, version: contentVersion(request.content), bytes: Buffer.byteLength(request.content) };
  }

  async create(request: CreateRequest): Promise<SaveResult> {
    const target = await this.resolve(request);
    const ref = { pack: request.pack, path: target.relative };
    const content = request.content ?? '';
    try {
      if (await this.exists(target.lexical)) throw new StudioError('conflict', `Cannot create ${ref.pack}/${ref.path}: a file or folder of that name exists`);
      await mkdir(dirname(target.real), { recursive: true });
      await this.resolve(request); // the folders just made are still inside the pack
      await writeFileAtomic(target.real, content, { exclusive: true });
    } catch (err) {
      throw fileError(err, ref, 'create');
    }
    return { ...ref, version: contentVersion(content), bytes: Buffer.byteLength(content) };
  }

  async rename(request: RenameRequest): Promise<FileRef> {
    const from = await this.resolve({ pack: request.pack, path: request.from });
    const to = await this.resolve({ pack: request.pack, path: request.to });
    const ref = { pack: request.pack, path: from.relative };
    try {
      await this.mustExistAsFile(from, ref);
      if (from.relative === to.relative) return { pack: request.pack, path: to.relative };
      if (await this.exists(to.lexical)) throw new StudioError('conflict', `Cannot rename ${ref.pack}/${ref.path} to ${to.relative}: a file or folder of that name exists`);
      await mkdir(dirname(to.real), { recursive: true });
      await rename(from.lexical, to.real);
    } catch (err) {
      throw fileError(err, ref, 'rename');
    }
    return { pack: request.pack, path: to.relative };
  }

  async remove(ref: FileRef): Promise<void> {
    const target = await this.resolve(ref);
    const named = { pack: ref.pack, path: target.relative };
    try {
      await this.mustExistAsFile(target, named);
      await unlink(target.lexical);
    } catch (err) {
      throw fileError(err, named, 'delete');
    }
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
