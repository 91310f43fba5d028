import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { MaidError } from '../../engine/host';

/** Why a folder cannot be written, in words (never a bare EROFS). */
function why(err: NodeJS.ErrnoException): string {
  switch (err.code) {
    case 'EROFS':
      return 'it is on a read-only file system';
    case 'EACCES':
    case 'EPERM':
      return 'you have no permission to write there';
    case 'ENOTDIR':
    case 'EEXIST':
      return 'part of that path is a file, not a folder';
    case 'ENOSPC':
      return 'the disk is full';
    default:
      return err.message;
  }
}

/**
 * Makes sure the data directory exists and can be written (a file is made
 * and removed), before anything is loaded: the world database, the admin
 * API's token and the shell history go there. A folder that cannot be
 * written is one line saying so and how to choose another.
 */
export function checkDataDirWritable(dataDir: string): void {
  const probe = join(dataDir, `.maid-write-check-${randomBytes(4).toString('hex')}`);
  try {
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    writeFileSync(probe, '');
    rmSync(probe, { force: true });
  } catch (err) {
    throw new MaidError(
      `The data directory ${dataDir} is not writable (${why(err as NodeJS.ErrnoException)}): the world database, the admin API's token and the shell history are kept there. Choose another with --data-dir DIR (or MAID_DATA_DIR=DIR)`,
      { cause: err },
    );
  }
}
