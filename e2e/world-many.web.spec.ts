// A crowded world in the World panel: 20,000 entities made by a pack, the
// list virtualized (a few dozen rows in the page however long it is),
// filtered by a query, and scrolled to its very end, where the last rows are
// fetched as they come into view.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test as base } from './support/fixtures';
import { launchStudio, type RunningStudio } from './support/studio-process';
import { StudioPage } from './support/studio-page';

const CROWD = 20_000;

const PACK = `import { defineComponent, type ContentPack, type GameEngine } from '@maid/engine';

export const Marker = defineComponent({ name: 'Marker', defaults: () => ({ name: '', n: 0 }) });

export default class CrowdPack implements ContentPack {
  manifest = { name: 'crowd', version: '1.0.0' };
  getComponents() {
    return [Marker];
  }
  onLoad(engine: GameEngine) {
    for (let n = 0; n < ${CROWD}; n++) engine.world.ensureEntity('crowd:' + n, (e) => e.add(Marker, { name: 'crowd ' + n, n }));
  }
}
`;

const test = base.extend<{ crowded: RunningStudio }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright reads the fixtures a function needs from its first parameter
  crowded: async ({}, use, testInfo) => {
    const studio = await launchStudio({
      prepare: async (packsDir) => {
        await mkdir(join(packsDir, 'crowd', 'src'), { recursive: true });
        await writeFile(join(packsDir, 'crowd', 'package.json'), JSON.stringify({ name: '@packs/crowd', version: '1.0.0', private: true, type: 'module', main: 'src/pack.ts' }));
        await writeFile(join(packsDir, 'crowd', 'src', 'pack.ts'), PACK);
      },
    });
    try {
      await use(studio);
    } finally {
      await testInfo.attach('studio-log.txt', { body: studio.output(), contentType: 'text/plain' });
      await studio.stop();
    }
  },
});

test('20,000 entities: the list is virtualized, filters by a query and scrolls to its end', async ({ page, crowded }, testInfo) => {
  const s = new StudioPage(page, testInfo);
  await page.goto(crowded.url);
  await expect(s.pack('crowd')).toHaveAttribute('data-status', 'loaded', { timeout: 20_000 });
  await page.getByRole('tab', { name: 'World', exact: true }).click();
  const count = page.getByTestId('entity-count');
  await expect(count).toHaveText(/^2\d,\d{3} entities$/);

  await page.getByLabel('Component query', { exact: true }).fill('Marker');
  await expect(count).toHaveText('20,000 entities');
  const rows = page.getByTestId('entity-row');
  await expect(rows.first()).toHaveText(/^crowd 0\s*Marker$/);
  expect(await rows.count(), 'only the rows in view (and a few around) are in the page').toBeLessThan(80);
  await s.snapshot('world-many-top');

  await page.getByRole('listbox', { name: 'Entities' }).evaluate((el) => (el.scrollTop = el.scrollHeight));
  await expect(rows.filter({ hasText: /^crowd 19999\s*Marker$/ })).toBeVisible();
  expect(await rows.count()).toBeLessThan(80);
  await s.snapshot('world-many-end');

  await page.getByLabel('Entity search', { exact: true }).fill('crowd 1234');
  await expect(count).toHaveText('11 entities'); // crowd 1234 and crowd 12340-12349
  await rows.filter({ hasText: /^crowd 1234\s*Marker$/ }).click();
  await expect(page.locator('[data-testid="field-value"][data-field="Marker.n"]')).toHaveText('1234');
});
