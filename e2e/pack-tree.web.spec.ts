// The pack tree follows the disk, and its context actions work: new file,
// rename, delete, reload pack; an open file follows an outside edit.
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from './support/fixtures';
import { StudioPage } from './support/studio-page';

test('the tree follows files appearing, changing and vanishing on disk', async ({ page, studio }, testInfo) => {
  const s = new StudioPage(page, testInfo);
  await page.goto(studio.url);
  await expect(s.pack('combat')).toBeVisible();
  const notes = join(studio.packsDir, 'combat', 'src', 'notes.md');
  await writeFile(notes, '# Notes\n');
  await expect(s.fileRow('combat', 'src/notes.md')).toBeVisible();
  await s.openFile('combat', 'src/notes.md');
  await writeFile(notes, '# Notes\n\nEdited outside the studio\n');
  await expect(s.editorLine(3)).toContainText('Edited outside the studio');
  await rm(notes);
  await expect(s.fileRow('combat', 'src/notes.md')).toHaveCount(0);
  await s.snapshot('tree-after-outside-changes');
});

test('new file, rename, delete and reload pack from the context menus', async ({ page, studio }, testInfo) => {
  const s = new StudioPage(page, testInfo);
  await page.goto(studio.url);
  const header = s.pack('combat').locator('.pack-header');

  await header.click({ button: 'right' });
  await page.getByRole('menuitem', { name: 'New file…' }).click();
  const name = page.getByRole('dialog').getByRole('textbox');
  await name.fill('src/extra.ts');
  await name.press('Enter');
  await expect(s.fileRow('combat', 'src/extra.ts')).toBeVisible();
  await expect(page.getByTestId('editor')).toHaveAttribute('data-file', 'combat/src/extra.ts');

  await s.fileRow('combat', 'src/extra.ts').click({ button: 'right' });
  await page.getByRole('menuitem', { name: 'Rename…' }).click();
  await page.getByRole('dialog').getByRole('textbox').fill('src/renamed.ts');
  await page.getByRole('dialog').getByRole('button', { name: 'Rename' }).click();
  await expect(s.fileRow('combat', 'src/renamed.ts')).toBeVisible();
  await expect(s.fileRow('combat', 'src/extra.ts')).toHaveCount(0);

  // A name that exists already: refused with a clear message, nothing lost.
  await s.fileRow('combat', 'src/renamed.ts').click({ button: 'right' });
  await page.getByRole('menuitem', { name: 'Rename…' }).click();
  await page.getByRole('dialog').getByRole('textbox').fill('src/pack.ts');
  await page.getByRole('dialog').getByRole('button', { name: 'Rename' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'a file or folder of that name exists' })).toBeVisible();
  await expect(s.fileRow('combat', 'src/renamed.ts')).toBeVisible();

  const beforeDelete = await s.newestReloadId();
  await s.fileRow('combat', 'src/renamed.ts').click({ button: 'right' });
  // The row is near the window's bottom: the menu opens upwards, whole on screen.
  await expect(page.getByRole('menu')).toBeInViewport({ ratio: 1 });
  await page.getByRole('menuitem', { name: 'Delete…' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Delete' }).click();
  await expect(s.fileRow('combat', 'src/renamed.ts')).toHaveCount(0);
  // The delete is a change the watcher reloads after its quiet time: that entry, by its file.
  const deleted = await s.reloadAfter(beforeDelete, { pack: 'combat', trigger: 'file', file: 'src/renamed.ts' });
  await expect(deleted).toHaveAttribute('data-outcome', 'success');

  const before = await s.newestReloadId();
  await header.click({ button: 'right' });
  await page.getByRole('menuitem', { name: 'Reload pack' }).click();
  const entry = await s.reloadAfter(before, { pack: 'combat', trigger: 'manual' });
  await expect(entry).toHaveAttribute('data-outcome', 'success');
  await expect(s.reloadEntries().first()).toHaveAttribute('data-id', (await entry.getAttribute('data-id')) ?? '');
  await s.snapshot('after-context-actions');
});
