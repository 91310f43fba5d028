// An area file saved is a reload like any save: its entry on the timeline,
// what it changed in the world in the state diff, and a broken save rolled
// back with the file, line and column it names.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from './support/fixtures';
import { StudioPage } from './support/studio-page';

test('saving the town\'s area file shows on the timeline and in the state diff; a broken one is rolled back', async ({ page, studio }, testInfo) => {
  const s = new StudioPage(page, testInfo);
  await page.goto(studio.url);
  await expect(s.pack('starter-world')).toHaveAttribute('data-status', 'loaded');
  await s.pack('starter-world').scrollIntoViewIfNeeded();
  await s.openFile('starter-world', 'areas/town.yaml');

  const file = join(studio.packsDir, 'starter-world', 'areas', 'town.yaml');
  const town = await readFile(file, 'utf8');
  let before = await s.newestReloadId();
  await writeFile(file, town.replace('around a dry\n      fountain.', 'around a fountain\n      that runs again.'));
  const entry = await s.reloadAfter(before, { pack: 'starter-world', trigger: 'file', file: 'areas/town.yaml' });
  await expect(entry).toHaveAttribute('data-outcome', 'success');
  await entry.click();
  const content = page.getByTestId('state-diff').getByTestId('content-diff');
  await expect(content).toContainText('Rooms: changed starter-world:town-square');
  await expect(content).toContainText('Spawns: unchanged');

  before = await s.newestReloadId();
  const wrong = town.replace('exits: { west: town-square }', 'exits: { west: town-squar }');
  const lines = wrong.split('\n');
  const line = lines.findIndex((l) => l.includes('town-squar }'));
  const where = `areas/town.yaml:${line + 1}:${(lines[line] ?? '').indexOf('town-squar') + 1}`;
  await writeFile(file, wrong);
  const broken = await s.reloadAfter(before, { pack: 'starter-world', trigger: 'file', file: 'areas/town.yaml' });
  await expect(broken).toHaveAttribute('data-outcome', 'rolled-back');
  await expect(broken).toContainText("exit west of room 'starter-world:market' leads to unknown room 'starter-world:town-squar'");
  await expect(page.getByText(where, { exact: true })).toBeVisible();
  await s.snapshot('area-file-rolled-back');
});
