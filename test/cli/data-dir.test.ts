/**
 * A data directory that cannot be written (issue 14, item 13): start-up
 * says the data directory is not writable, why, and how to choose another;
 * never a raw EROFS/EACCES. Tests run as root, whom chmod does not stop, so
 * the read-only case mounts a read-only tmpfs in a private mount namespace
 * (unshare: nothing outside the test sees it), and the case that fails for
 * anyone is a data directory under a regular file.
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeTempDir, MAID_BIN, removeTempDirs, runMaid, startProcess, tempPacks } from './maid-process';

afterAll(removeTempDirs);

const ADVICE = "the world database, the admin API's token and the shell history are kept there. Choose another with --data-dir DIR (or MAID_DATA_DIR=DIR)";

/** Whether this machine lets an unprivileged mount namespace mount a read-only tmpfs. */
const canMountReadOnly =
  process.platform === 'linux' && spawnSync('unshare', ['-rm', 'sh', '-c', 'd=$(mktemp -d) && mount -t tmpfs -o ro tmpfs "$d" && ! touch "$d/x" 2>/dev/null; r=$?; umount "$d"; rmdir "$d"; exit $r']).status === 0;

describe('maid server start with a data directory it cannot write', () => {
  it.runIf(canMountReadOnly)('on a read-only file system: says so and how to choose another, before loading packs (exit 1)', async () => {
    const { packsDir } = tempPacks();
    const dataDir = makeTempDir('maid-ro-');
    const script = `mount -t tmpfs -o ro tmpfs "$1" && shift && exec "$@"`;
    const run = startProcess('unshare', ['-rm', 'sh', '-c', script, 'sh', dataDir, process.execPath, MAID_BIN, 'server', 'start', '--packs-dir', packsDir, '--data-dir', dataDir]);
    const done = await run.exited;
    expect(done.code, done.stdout + done.stderr).toBe(1);
    expect(done.stderr).toBe(`maid server start: The data directory ${dataDir} is not writable (it is on a read-only file system): ${ADVICE}\n`);
    expect(done.stdout).not.toContain('Loaded pack');
  }, 30_000);

  it('under a file: says the path is not a folder, and how to choose another (exit 1)', async () => {
    const { packsDir, root } = tempPacks();
    const file = join(root, 'notes.txt');
    writeFileSync(file, 'not a folder\n');
    const dataDir = join(file, 'data');
    const run = await runMaid(['server', 'start', '--packs-dir', packsDir, '--data-dir', dataDir]);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(`maid server start: The data directory ${dataDir} is not writable (part of that path is a file, not a folder): ${ADVICE}\n`);
    expect(run.stderr).not.toMatch(/ENOTDIR|EROFS|EACCES|\n\s+at /);
  });
});
