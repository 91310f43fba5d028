/**
 * The world database holds password hashes: it, its WAL and shared-memory
 * files and the data directory are the user's alone (0600 files, a 0700
 * folder), whatever the umask, and even when the folder already existed
 * with wider permissions. SQLite creates `-wal` and `-shm` with the mode of
 * the database file, so creating that file 0600 first covers them; files
 * left wider by an older version are narrowed here too.
 */
import { chmodSync, closeSync, lstatSync, mkdirSync, openSync, readdirSync, constants as fs } from 'node:fs';

export const PRIVATE_FILE_MODE = 0o600;
export const PRIVATE_DIR_MODE = 0o700;

/** Suffixes SQLite adds to a database's name for its side files. */
const SIDE_FILES = ['-wal', '-shm', '-journal'];

/**
 * Names MAID keeps in a data directory. A folder holding anything else (the
 * user pointed --data-dir at a project folder, say) keeps its own mode: only
 * MAID's files are narrowed there.
 */
const MAID_ENTRY = /^(world\.db(-wal|-shm|-journal)?|admin\.json(\.\d+\.tmp)?|data-dir\.lock|shell_history|[\w.-]+\.db(-wal|-shm|-journal)?)$/;

function narrow(path: string, mode: number): void {
  try {
    const info = lstatSync(path);
    // Only our own regular files and folders; a link is never followed to chmod what it points at.
    if (info.isSymbolicLink() || (typeof process.getuid === 'function' && info.uid !== process.getuid())) return;
    if ((info.mode & 0o777) !== mode) chmodSync(path, mode);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
}

/** Makes the data directory (0700) and narrows it when it holds only MAID's files. */
export function preparePrivateDir(dataDir: string): void {
  mkdirSync(dataDir, { recursive: true, mode: PRIVATE_DIR_MODE });
  if (readdirSync(dataDir).every((name) => MAID_ENTRY.test(name))) narrow(dataDir, PRIVATE_DIR_MODE);
}

/**
 * Before SQLite opens `file`: the data directory exists and is private, the
 * database file exists with mode 0600 (so its WAL and SHM get it too), and
 * any side files already there are narrowed to 0600.
 */
export function preparePrivateDatabase(dataDir: string, file: string): void {
  preparePrivateDir(dataDir);
  // O_CREAT without O_TRUNC: an existing database is left as it is; a new one is born 0600 (the umask can only narrow it).
  const fd = openSync(file, fs.O_RDWR | fs.O_CREAT | (fs.O_NOFOLLOW ?? 0), PRIVATE_FILE_MODE);
  closeSync(fd);
  for (const path of [file, ...SIDE_FILES.map((s) => `${file}${s}`)]) narrow(path, PRIVATE_FILE_MODE);
}
