// The Tests panel: run combat's tests from the studio (in a process of
// their own): all pass; break a test in the editor and save: the failure
// appears, and a click opens the test file at the failing line.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from './support/fixtures';
import { StudioPage } from './support/studio-page';

const TEST_FILE = 'tests/pack.test.ts';

test("run a pack's tests from the studio, break one, see the failure and open its line", async ({ page, studio }, testInfo) => {
  const s = new StudioPage(page, testInfo);
  await page.goto(studio.url);
  await expect(s.pack('combat')).toHaveAttribute('data-status', 'loaded');
  await page.getByRole('tab', { name: 'Tests', exact: true }).click();
  const panel = page.getByLabel('Tests', { exact: true }).and(page.locator('.panel'));
  await panel.getByLabel('Pack to test').selectOption('combat');

  await panel.getByRole('button', { name: 'Run tests' }).click();
  const run = panel.getByTestId('test-run');
  await expect(run).toHaveAttribute('data-state', 'passed', { timeout: 60_000 });
  await expect(panel.getByTestId('test-check')).toHaveCount(2);
  expect(await panel.locator('[data-testid="test-case"][data-state="passed"]').count()).toBeGreaterThanOrEqual(3);
  await expect(panel.locator('[data-testid="test-case"][data-state="failed"]')).toHaveCount(0);
  await s.snapshot('tests-passed');

  // Break the first assertion of the test file, in the editor, and save.
  const source = await readFile(join(studio.packsDir, 'combat', TEST_FILE), 'utf8');
  const line = source.split('\n').findIndex((l) => l.includes('expect(')) + 1;
  await s.openFile('combat', TEST_FILE);
  await s.caretAtEndOf(line);
  await page.keyboard.press('Enter');
  await page.keyboard.type('expect(1 + 1).toBe(3);');
  await s.save();
  await expect.poll(async () => (await readFile(join(studio.packsDir, 'combat', TEST_FILE), 'utf8')).includes('expect(1 + 1).toBe(3)')).toBe(true);

  const firstRun = Number(await run.getAttribute('data-run'));
  await panel.getByRole('button', { name: 'Run tests' }).click();
  await expect.poll(async () => Number(await run.getAttribute('data-run'))).toBeGreaterThan(firstRun);
  await expect(run).toHaveAttribute('data-state', 'failed', { timeout: 60_000 });
  const failed = panel.locator('[data-testid="test-case"][data-state="failed"]');
  await expect(failed).toHaveCount(1);
  await expect(failed).toContainText('expected 2 to be 3');
  const link = failed.getByTestId('test-failure-link');
  await expect(link).toHaveAttribute('data-line', String(line + 1));
  await s.snapshot('tests-failed', { docs: 'studio-tests-panel' });

  // The failure opens the test file at the failing line.
  await link.click();
  await expect(page.getByTestId('editor')).toHaveAttribute('data-file', `combat/${TEST_FILE}`);
  const caretLine = page.locator('.monaco-editor .view-overlays .current-line');
  await expect(caretLine).toBeVisible();
  await expect.poll(async () => Math.abs(((await caretLine.boundingBox())?.y ?? 0) - ((await s.lineTop(line + 1)) ?? -100))).toBeLessThan(4);
  await s.snapshot('tests-failure-opened');
});
