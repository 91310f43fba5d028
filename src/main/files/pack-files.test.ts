import { chmod, mkdir, mkdtemp, readdir, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StudioError } from '../../shared/errors';
import { contentVersion, PackFiles } from './pack-files';

let root: string;
let packDir: string;
let outside: string;
let files: PackFiles;

async function failure(promise: Promise<unknown>): Promise<StudioError> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof StudioError) return err;
    throw err;
  }
  throw new Error('expected a failure');
}

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'maid-pack-files-'));
  packDir = join(root, 'packs', 'combat');
  outside = join(root, 'outside');
  await mkdir(join(packDir, 'src', 'systems'), { recursive: true });
  await mkdir(outside);
  await writeFile(join(packDir, 'src', 'pack.ts'), 'export default 1;\n');
  await writeFile(join(packDir, 'src', 'systems', 'combat.ts'), 'export const BASE_DAMAGE = 10;\n');
  await writeFile(join(outside, 'secret.ts'), 'secret\n');
  files = new PackFiles((pack) => (pack === 'combat' ? packDir : undefined));
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('PackFiles', () => {
  it('lists the tree, folders first, without temp and dot files', async () => {
    await writeFile(join(packDir, 'src', 'pack.ts.maid-tmp-abc123'), 'half');
    await writeFile(join(packDir, '.hidden'), 'x');
    await mkdir(join(packDir, 'node_modules'));
    const tree = await files.tree('combat');
    expect(tree.map((n) => n.name)).toEqual(['src']);
    expect(tree[0]?.children?.map((n) => `${n.kind}:${n.path}`)).toEqual(['directory:src/systems', 'file:src/pack.ts']);
  });

  it('reads a file with a version, and saves over it atomically', async () => {
    const read = await files.read({ pack: 'combat', path: 'src/systems/combat.ts' });
    expect(read.content).toContain('BASE_DAMAGE = 10');
    const saved = await files.save({ pack: 'combat', path: 'src/systems/combat.ts', content: 'export const BASE_DAMAGE = 25;\n', baseVersion: read.version });
    expect(saved.version).toBe(contentVersion('export const BASE_DAMAGE = 25;\n'));
    expect(await readFile(join(packDir, 'src', 'systems', 'combat.ts'), 'utf8')).toBe('export const BASE_DAMAGE = 25;\n');
    expect(await readdir(join(packDir, 'src', 'systems'))).toEqual(['combat.ts']); // no temp file left behind
  });

  it('keeps the file mode on save', async () => {
    const path = join(packDir, 'src', 'pack.ts');
    await chmod(path, 0o600);
    await files.save({ pack: 'combat', path: 'src/pack.ts', content: 'export default 2;\n' });
    expect((await stat(path)).mode & 0o777).toBe(0o600);
  });

  it('refuses to overwrite a file that changed on disk since it was read, and keeps it', async () => {
    const read = await files.read({ pack: 'combat', path: 'src/pack.ts' });
    await writeFile(join(packDir, 'src', 'pack.ts'), 'changed elsewhere\n');
    const err = await failure(files.save({ pack: 'combat', path: 'src/pack.ts', content: 'mine', baseVersion: read.version }));
    expect(err.code).toBe('conflict');
    expect(err.message).toMatch(/changed on disk/);
    expect(await readFile(join(packDir, 'src', 'pack.ts'), 'utf8')).toBe('changed elsewhere\n');
  });

  it('creates, renames and deletes files, refusing clashes', async () => {
    await files.create({ pack: 'combat', path: 'src/new/thing.ts', content: 'x' });
    expect(await readFile(join(packDir, 'src', 'new', 'thing.ts'), 'utf8')).toBe('x');
    expect((await failure(files.create({ pack: 'combat', path: 'src/pack.ts' }))).code).toBe('conflict');
    expect((await failure(files.rename({ pack: 'combat', from: 'src/new/thing.ts', to: 'src/pack.ts' }))).message).toMatch(/a file or folder of that name exists/);
    expect(await files.rename({ pack: 'combat', from: 'src/new/thing.ts', to: 'src/other.ts' })).toEqual({ pack: 'combat', path: 'src/other.ts' });
    await files.remove({ pack: 'combat', path: 'src/other.ts' });
    expect((await failure(files.remove({ pack: 'combat', path: 'src/other.ts' }))).code).toBe('not-found');
    expect((await failure(files.remove({ pack: 'combat', path: 'src/systems' }))).message).toMatch(/is a folder, not a file/);
    expect(await readFile(join(packDir, 'src', 'pack.ts'), 'utf8')).toBe('export default 1;\n');
  });

  it('refuses paths that lead out of the pack folder, through .. or symbolic links, and writes nothing', async () => {
    await symlink(outside, join(packDir, 'src', 'escape'));
    await symlink(join(outside, 'secret.ts'), join(packDir, 'src', 'link.ts'));
    await symlink(join(root, 'nowhere'), join(packDir, 'src', 'dangling.ts'));
    const attempts = [
      () => files.save({ pack: 'combat', path: '../../etc/x', content: 'x' }),
      () => files.save({ pack: 'combat', path: 'src/escape/x.ts', content: 'x' }),
      () => files.save({ pack: 'combat', path: 'src/link.ts', content: 'x' }),
      () => files.save({ pack: 'combat', path: 'src/dangling.ts', content: 'x' }),
      () => files.create({ pack: 'combat', path: 'src/escape/deeper/y.ts', content: 'x' }),
      () => files.read({ pack: 'combat', path: 'src/link.ts' }),
      () => files.rename({ pack: 'combat', from: 'src/pack.ts', to: 'src/escape/pack.ts' }),
      () => files.remove({ pack: 'combat', path: 'src/escape/secret.ts' }),
    ];
    for (const attempt of attempts) expect((await failure(attempt())).code).toBe('forbidden');
    expect(await readdir(outside)).toEqual(['secret.ts']);
    expect(await readFile(join(outside, 'secret.ts'), 'utf8')).toBe('secret\n');
    expect(await readFile(join(packDir, 'src', 'pack.ts'), 'utf8')).toBe('export default 1;\n');
  });

  it('follows a symbolic link that stays inside the pack', async () => {
    await symlink(join(packDir, 'src', 'systems'), join(packDir, 'src', 'alias'));
    await files.save({ pack: 'combat', path: 'src/alias/combat.ts', content: 'export const BASE_DAMAGE = 3;\n' });
    expect(await readFile(join(packDir, 'src', 'systems', 'combat.ts'), 'utf8')).toContain('= 3');
  });

  it('answers for unknown packs, missing files, binary and folders', async () => {
    expect((await failure(files.read({ pack: 'nope', path: 'a.ts' }))).code).toBe('not-found');
    expect((await failure(files.read({ pack: 'combat', path: 'src/missing.ts' }))).message).toMatch(/there is no such file/);
    await writeFile(join(packDir, 'blob.bin'), Buffer.from([1, 0, 2]));
    expect((await failure(files.read({ pack: 'combat', path: 'blob.bin' }))).message).toMatch(/not a text file/);
    expect((await failure(files.save({ pack: 'combat', path: 'src/systems', content: 'x' }))).code).toBe('invalid-argument');
    expect(await readdir(join(packDir, 'src', 'systems'))).toEqual(['combat.ts']);
  });
});

describe('a save that fails', () => {
  it('leaves the original and no temp file', async () => {
    const target = join(packDir, 'src', 'pack.ts');
    await expect(files.save({ pack: 'combat', path: 'src/pack.ts/x.ts', content: 'x' })).rejects.toThrow();
    await expect(files.save({ pack: 'combat', path: 'src', content: 'x' })).rejects.toThrow();
    expect(await readFile(target, 'utf8')).toBe('export default 1;\n');
    expect((await readdir(join(packDir, 'src'))).filter((n) => n.includes('maid-tmp'))).toEqual([]);
  });
});
