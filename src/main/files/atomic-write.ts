import { randomBytes } from 'node:crypto';
import { open, rename, stat, unlink } from 'node:fs/promises';

/**
 * The suffix of the studio's temp files. The engine's watcher ignores names
 * ending in `.maid-tmp-<id>`, so a half-written file never triggers a reload.
 */
export function tempPathFor(path: string): string {
  return `${path}.maid-tmp-${randomBytes(6).toString('hex')}`;
}

/**
 * Writes a file so that readers see either the old content or the new one,
 * never a part: the content goes to a temp file beside it, is flushed to
 * disk, and replaces the file by rename. On any failure the temp file is
 * removed and the original is left as it was. Keeps the file's mode.
 */
export async function writeFileAtomic(path: string, content: string | Uint8Array, options: { exclusive?: boolean } = {}): Promise<void> {
  let mode = 0o644;
  try {
    const info = await stat(path);
    if (!info.isFile()) throw Object.assign(new Error(`${path} is not a file`), { code: 'EISDIR' });
    mode = info.mode & 0o777;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  const temp = tempPathFor(path);
  const handle = await open(temp, 'wx', mode);
  try {
    try {
      await handle.writeFile(content);
      await handle.sync();
    } finally {
      await handle.close();
    }
    if (options.exclusive) {
      // Creating: refuse to replace a file that appeared meanwhile.
      try {
        await stat(path);
        throw Object.assign(new Error(`${path} exists`), { code: 'EEXIST' });
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      }
    }
    await rename(temp, path);
  } catch (err) {
    await unlink(temp).catch(() => {});
    throw err;
  }
}
