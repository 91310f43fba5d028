// A reload that migrates component data shows it in the state diff: the
// component, its versions, how many entities were migrated, and a sample
// whose added field is highlighted.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from './support/fixtures';
import { StudioPage } from './support/studio-page';

test('a Health v1 -> v2 migration appears in the state diff', async ({ page, studio }, testInfo) => {
  const s = new StudioPage(page, testInfo);
  await page.goto(studio.url);
  await expect(s.pack('combat')).toHaveAttribute('data-status', 'loaded');
  const before = await s.newestReloadId();

  const combat = join(studio.packsDir, 'combat', 'src');
  const pack = await readFile(join(combat, 'pack.ts'), 'utf8');
  const health = await readFile(join(combat, 'components', 'health.ts'), 'utf8');
  expect(pack).toContain('getMigrations() {\n    return [];');
  // Both files saved together, as an editor's "save all" does: one reload.
  await Promise.all([
    writeFile(
      join(combat, 'pack.ts'),
      pack.replace(
        'getMigrations() {\n    return [];',
        "getMigrations() {\n    return [{ component: 'Health', from: 1, to: 2, migrate: (d: { current: number; max: number }) => ({ ...d, armour: 0 }) }];",
      ),
    ),
    writeFile(join(combat, 'components', 'health.ts'), health.replace('version: 1,', 'version: 2,').replace('({ current: 100, max: 100 })', '({ current: 100, max: 100, armour: 0 })')),
  ]);

  const entry = await s.reloadAfter(before, { pack: 'combat', trigger: 'file', file: 'src/components/health.ts' });
  await expect(entry).toHaveAttribute('data-outcome', 'success');
  await expect(entry).toContainText(/[1-9]\d* migrations?/);
  await entry.click();
  const diff = page.getByTestId('state-diff');
  const section = diff.locator('[data-component="Health"]');
  await expect(section).toContainText('Health v1 → v2');
  await expect(section).toContainText(/[1-9]\d* entit(y|ies) migrated/);
  await expect(section.locator('.jsondiffpatch-added').first()).toContainText('armour');
  await s.snapshot('migration-state-diff', { docs: 'studio-state-diff' });
});
