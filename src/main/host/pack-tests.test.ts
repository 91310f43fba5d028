// The Tests panel's host side: a pack's tests run in a process of their own
// and report as they go; with "after each reload" on, a successful reload
// runs them and its timeline entry gets the result; a run that hangs is
// stopped at its time limit, the studio answering meanwhile.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PackTestRun } from '../../shared/model';
import type { StudioService } from '../api/studio-service';
import { findRepoRoot } from '../paths';
import { PackTests } from './pack-tests';
import type { StudioHost } from './studio-host';
import { startHostOnCopy, type HostUnderTest } from './studio-host.test-kit';

let work: string;
let host: StudioHost;
let api: StudioService;
let kit: HostUnderTest;

beforeAll(async () => {
  ({ work, host, api } = kit = await startHostOnCopy({ name: 'pack-tests' }));
}, 60_000);

afterAll(() => kit?.stop());

describe("a pack's tests from the studio", () => {
  it('run in their own process, report each check and test as it finishes, and pass', async () => {
    const progress: PackTestRun[] = [];
    const off = host.events.subscribe((e) => e.type === 'tests' && progress.push(structuredClone(e.run)));
    const run = await api.runPackTests('combat');
    off();
    expect(run).toMatchObject({ pack: 'combat', state: 'passed', trigger: 'manual', failed: 0 });
    expect(run.checks.map((c) => c.ok)).toEqual([true, true]);
    expect(run.passed).toBeGreaterThanOrEqual(3);
    expect(run.tests.every((t) => t.file.startsWith('tests/'))).toBe(true);
    expect(progress[0]?.state).toBe('running');
    expect((await api.getPackTestRuns()).find((r) => r.pack === 'combat')?.id).toBe(run.id);
  }, 120_000);

  it('after each reload, when asked: the reload\'s timeline entry gets the result', async () => {
    expect(await api.setTestsAfterReload('combat', true)).toEqual(['combat']);
    const file = join(work, 'packs', 'combat', 'src', 'systems', 'combat.ts');
    const finished = new Promise<PackTestRun>((resolve) => {
      const off = host.events.subscribe((e) => {
        if (e.type === 'tests' && e.run.trigger === 'reload' && e.run.state !== 'running') {
          off();
          resolve(e.run);
        }
      });
    });
    await writeFile(file, `${await readFile(file, 'utf8')}\n// saved\n`);
    const run = await finished;
    expect(run).toMatchObject({ state: 'passed', trigger: 'reload' });
    const entry = (await api.getReloadHistory()).find((e) => e.id === run.reloadId);
    expect(entry).toMatchObject({ packName: 'combat', success: true, tests: { runId: run.id, ok: true, failed: 0 } });
    expect(await api.setTestsAfterReload('combat', false)).toEqual([]);
  }, 120_000);

  it('refuses an unknown pack with a clear message', async () => {
    await expect(api.runPackTests('nowhere')).rejects.toThrow("No pack named 'nowhere' is known to the studio");
  });

  it('stops a run that hangs at its time limit and says why', async () => {
    const root = findRepoRoot() as string;
    const dir = join(work, 'packs', 'combat');
    await writeFile(join(dir, 'tests', 'hang.test.ts'), "import { it } from 'vitest';\nit('never ends', async () => { await new Promise(() => {}); }, 600_000);\n");
    const tests = new PackTests({ root, packsDir: join(work, 'packs'), dirOf: () => dir, changed: () => {}, timeoutMs: 8000 });
    const run = await tests.run('combat');
    expect(run.state).toBe('error');
    expect(run.message).toBe('The tests did not finish within 8 s and were stopped (a test that never ends?)');
  }, 60_000);
});
