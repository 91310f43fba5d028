// The type checks in their worker, on a temporary copy of the shipped packs:
// the problems of a pack with file:line, and requests made while a check runs
// coalesce into one more check that keeps the newest reload's id.
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PackProblems } from '../../shared/model';
import { findRepoRoot } from '../paths';
import { TypeChecks } from './type-checks';

const repoPacks = fileURLToPath(new URL('../../../packs', import.meta.url));
let work: string;
let checks: TypeChecks;
const reports: PackProblems[] = [];
const warnings: string[] = [];

async function reportCount(n: number): Promise<void> {
  const started = Date.now();
  while (reports.length < n) {
    if (Date.now() - started > 60_000) throw new Error(`${reports.length} of ${n} reports within 60 s; warnings: ${warnings.join('; ')}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'maid-type-checks-'));
  await cp(repoPacks, join(work, 'packs'), { recursive: true });
  checks = new TypeChecks({ root: findRepoRoot() as string, packsDir: join(work, 'packs') }, (r) => void reports.push(r), (w) => void warnings.push(w));
});

afterAll(async () => {
  await checks?.stop();
  await rm(work, { recursive: true, force: true });
});

describe('TypeChecks', () => {
  it('reports a type error with its file, line and column, and none once it is fixed', async () => {
    const combat = join(work, 'packs', 'combat');
    const file = join(combat, 'src', 'commands', 'attack.ts');
    const original = await readFile(file, 'utf8');
    await writeFile(file, `${original}const n: number = 'oops';\n`);
    checks.request('combat', combat, 7);
    await reportCount(1);
    const line = original.split('\n').length;
    expect(reports[0]).toMatchObject({ pack: 'combat', reloadId: 7 });
    expect(reports[0]?.problems).toEqual([expect.objectContaining({ file: 'src/commands/attack.ts', line, column: 7, code: 2322, severity: 'error' })]);

    await writeFile(file, original);
    checks.request('combat', combat, 8);
    await reportCount(2);
    expect(reports[1]).toMatchObject({ pack: 'combat', reloadId: 8, problems: [] });
    expect(checks.all().find((r) => r.pack === 'combat')?.problems).toEqual([]);
  }, 90_000);

  it('requests made while a check runs make one more check, for the newest reload', async () => {
    const dir = join(work, 'packs', 'starter-world');
    const from = reports.length;
    checks.request('starter-world', dir, 10);
    checks.request('starter-world', dir, 11);
    checks.request('starter-world', dir, 12);
    checks.request('starter-world', dir); // the first check at start, say: no reload of its own
    await reportCount(from + 2);
    expect(reports.slice(from).map((r) => [r.pack, r.reloadId, r.problems.length])).toEqual([
      ['starter-world', 10, 0],
      ['starter-world', 12, 0],
    ]);
    expect(warnings).toEqual([]);
  }, 90_000);

  it('flags an import of a host-only name from @maid/engine, and of the host entry', async () => {
    const combat = join(work, 'packs', 'combat');
    const file = join(combat, 'src', 'leak.ts');
    await writeFile(file, "import { GameServer } from '@maid/engine';\nimport { SqliteStorage } from '@maid/engine/host';\nexport const leak = [GameServer, SqliteStorage];\n");
    const from = reports.length;
    checks.request('combat', combat, 20);
    await reportCount(from + 1);
    await rm(file);
    const problems = reports[from]?.problems ?? [];
    expect(problems).toEqual([
      expect.objectContaining({ file: 'src/leak.ts', line: 1, column: 10, code: 2305, message: expect.stringContaining("has no exported member 'GameServer'") }),
      expect.objectContaining({ file: 'src/leak.ts', line: 2, code: 2307, message: expect.stringContaining("'@maid/engine/host'") }),
    ]);
  }, 90_000);
});
