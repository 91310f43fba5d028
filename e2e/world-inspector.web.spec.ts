// The World panel as an author uses it: find the character logged in in
// the terminal, see its Health, set `current` to 7 and read it back in the
// game, restart the engine and find it still 7, type a value Health cannot
// hold and be told why (nothing changed), undo the edit from the timeline,
// and open the component's definition. Each step's screenshot is kept.
import { expect, test } from './support/fixtures';
import { logIn } from './support/author-flow';
import { StudioPage } from './support/studio-page';

test('the World panel finds the character, edits its Health live, keeps it over a restart, refuses a bad value, and undoes from the timeline', async ({ page, studio }, testInfo) => {
  const s = new StudioPage(page, testInfo);
  await page.goto(studio.url);
  await expect(s.pack('combat')).toHaveAttribute('data-status', 'loaded');
  await expect(s.terminalStatus()).toHaveText('open', { timeout: 15_000 });
  await logIn(s, 'Wren', 'correct horse battery');

  const current = page.locator('[data-testid="field-value"][data-field="Health.current"]');
  const world = page.getByLabel('World', { exact: true }).and(page.locator('.panel'));

  await test.step('open the World panel and find the character by name: its Health shows', async () => {
    await page.getByRole('tab', { name: 'World', exact: true }).click();
    await expect(world).toBeVisible();
    await page.getByLabel('Entity search', { exact: true }).fill('wren');
    const row = page.getByTestId('entity-row').filter({ hasText: 'Wren' });
    await expect(row).toHaveCount(1);
    await expect(page.getByTestId('entity-count')).toHaveText('1 entity');
    await row.click();
    await expect(page.getByTestId('entity-details').locator('.entity-title')).toHaveText('Wren');
    const health = page.locator('[data-testid="component"][data-component="Health"]');
    await expect(health).toContainText('combat');
    await expect(current).toHaveText('100');
    await s.snapshot('world-found-wren');
  });

  let editId = 0;
  await test.step('set Health.current to 7: an edit on the timeline, and the game says 7', async () => {
    const before = await s.newestReloadId();
    await current.click();
    const input = page.getByLabel('Value of Health.current', { exact: true });
    await input.fill('7');
    await input.press('Enter');
    await expect(current).toHaveText('7');
    const entry = s.reloadEntries().and(page.locator('[data-kind="edit"]')).filter({ hasText: 'Set Health.current of Wren' });
    await expect(entry).toHaveCount(1);
    editId = Number(await entry.getAttribute('data-id'));
    expect(editId).toBeGreaterThan(before);
    await expect(entry).toContainText('to 7 (was 100)');
    await s.command('health');
    await s.waitForTerminal(/Health: 7\/100/);
    await s.snapshot('world-health-7');
  });

  await test.step('restart the engine: still 7, in the panel and in the game', async () => {
    const before = await s.newestReloadId();
    await page.getByRole('button', { name: 'Restart engine' }).click();
    const up = s.reloadEntries().and(page.locator('[data-kind="engine-up"]'));
    await expect.poll(async () => Number((await up.first().getAttribute('data-id')) ?? 0), { timeout: 30_000 }).toBeGreaterThan(before);
    await s.waitForTerminal(/The game is back/, 20_000);
    await expect(current).toHaveText('7');
    await s.command('score');
    await s.waitForTerminal(/Health: 7\/100\s*\n?\s*Coins/);
    await s.snapshot('world-after-restart');
  });

  await test.step('a value Health.current cannot hold is refused with the reason; nothing changes', async () => {
    const entries = await s.reloadEntries().count();
    await current.click();
    const input = page.getByLabel('Value of Health.current', { exact: true });
    await input.fill('lots');
    await input.press('Enter');
    await expect(page.getByTestId('edit-refusal')).toHaveText('Health.current holds a number (its default is 100), not a string such as "lots"; nothing changed');
    await s.snapshot('world-refused');
    await input.press('Escape');
    await expect(page.getByTestId('edit-refusal')).toHaveCount(0);
    await expect(current).toHaveText('7');
    expect(await s.reloadEntries().count()).toBe(entries);
  });

  await test.step('undo the edit from the timeline: back to 100, and the entry says it was undone', async () => {
    const entry = s.reloadEntries().and(page.locator(`[data-id="${editId}"]`));
    await entry.getByRole('button', { name: 'Undo' }).click();
    const undo = s.reloadEntries().and(page.locator('[data-kind="edit"]')).filter({ hasText: `Undo of #${editId}` });
    await expect(undo).toContainText('to 100 (was 7)');
    await expect(entry.getByTestId('edit-undone')).toContainText(`undone by #${await undo.getAttribute('data-id')}`);
    await expect(entry.getByRole('button', { name: 'Undo' })).toHaveCount(0);
    await expect(current).toHaveText('100');
    await s.command('health');
    await s.waitForTerminal(/Health: 100\/100/);
    await s.snapshot('world-undone');
  });

  await test.step('fight the rat in the terminal: the panel follows Health live, the changed value flashing', async () => {
    for (const way of ['north', 'east', 'down']) await s.command(way);
    await s.waitForTerminal(/Exits: up/);
    await s.command('attack rat');
    await s.waitForTerminal(/hits you for \d+ damage\. \(You: \d+\/100\)/, 20_000);
    await expect(current).not.toHaveText('100');
    await expect(current).toHaveClass(/flash/);
    const said = /hits you for \d+ damage\. \(You: (\d+)\/100\)/g;
    await expect.poll(async () => [...(await s.terminalText()).matchAll(said)].pop()?.[1]).toBe(await current.textContent());
    await s.snapshot('world-live', { docs: 'studio-world-panel' });
  });

  await test.step("go to the component's definition: its file opens at defineComponent", async () => {
    await page.locator('[data-testid="component"][data-component="Health"]').getByRole('button', { name: 'Definition' }).click();
    await expect(page.getByTestId('editor')).toHaveAttribute('data-file', 'combat/src/components/health.ts');
    await expect(s.editorLine(4)).toContainText('export const Health = defineComponent({');
    await s.snapshot('world-definition');
  });
});
