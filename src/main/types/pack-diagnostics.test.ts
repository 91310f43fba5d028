// A file listed in a pack's src/ that cannot be read by the time it is
// checked (renamed or deleted meanwhile; here a link to nothing) is left
// out of that check instead of failing the whole pack's check.
import { mkdtemp, mkdir, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { PackDiagnostics } from './pack-diagnostics';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const { default: ts } = await import('typescript');
let work: string | undefined;

afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

describe('PackDiagnostics', () => {
  it('checks the files that are there when one listed has gone', async () => {
    work = await mkdtemp(join(tmpdir(), 'maid-pack-diagnostics-'));
    const src = join(work, 'packs', 'shaky', 'src');
    await mkdir(src, { recursive: true });
    await writeFile(join(src, 'pack.ts'), 'export const n: number = "not a number";\n');
    await symlink(join(src, 'nowhere.ts'), join(src, 'gone.ts'));
    const diagnostics = new PackDiagnostics(ts, { root, packsDir: join(work, 'packs') });
    const problems = diagnostics.check(join(work, 'packs', 'shaky'));
    expect(problems).toEqual([expect.objectContaining({ file: 'src/pack.ts', line: 1, code: 2322 })]);
  });
});
