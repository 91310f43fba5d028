// A pack that does not compile when the studio starts: the studio opens all
// the same, shows the pack as failed with the error at its line, and loads it
// as soon as the author fixes it in the editor.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { StudioPage } from './support/studio-page';
import { launchStudio } from './support/studio-process';

const COMBAT_FILE = 'src/systems/combat.ts';

test('a pack broken at start is shown failed, marked, and loads once fixed', async ({ page }, testInfo) => {
  const studio = await launchStudio({
    prepare: async (packsDir) => {
      const file = join(packsDir, 'combat', COMBAT_FILE);
      await writeFile(file, (await readFile(file, 'utf8')).replace('BASE_DAMAGE = 10;', 'BASE_DAMAGE = 10 +;'));
    },
  });
  try {
    const s = new StudioPage(page, testInfo);
    await page.goto(studio.url);
    await expect(s.pack('combat')).toHaveAttribute('data-status', 'failed');
    await expect(s.pack('combat').locator('.pack-error')).toContainText('Unexpected ";"');
    await expect(s.pack('starter-world')).toHaveAttribute('data-status', 'loaded');
    await s.openFile('combat', COMBAT_FILE);
    const problem = page.getByTestId('reload-problem');
    await expect(problem).toHaveAttribute('data-line', '7');
    await expect(page.locator('.monaco-editor .maid-reload-error-glyph')).toHaveCount(1);
    await s.snapshot('broken-pack-at-start');

    const before = await s.newestReloadId();
    await s.caretAtEndOf(7);
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('Backspace');
    await page.keyboard.press('Backspace');
    await expect(s.editorLine(7)).toContainText('export const BASE_DAMAGE = 10;');
    await s.save();
    const entry = await s.reloadAfter(before, { pack: 'combat', trigger: 'file', file: COMBAT_FILE });
    await expect(entry).toHaveAttribute('data-outcome', 'success');
    await expect(s.pack('combat')).toHaveAttribute('data-status', 'loaded');
    await expect(s.pack('combat')).toContainText(/[1-9]\d* systems?/);
    await expect(problem).toHaveCount(0);
    await expect(page.locator('.monaco-editor .maid-reload-error-glyph')).toHaveCount(0);
    await s.snapshot('broken-pack-fixed');
  } finally {
    await testInfo.attach('studio-log.txt', { body: studio.output(), contentType: 'text/plain' });
    await studio.stop();
  }
});
