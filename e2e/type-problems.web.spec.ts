// Type errors do not pass silently: a save that type-checks badly still
// reloads (esbuild does not type-check, by design), and right after it the
// studio shows the pack's TypeScript problems: the Problems list with
// file:line, the count on the reload's timeline entry, and a marker in each
// open file that has one.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from './support/fixtures';
import { StudioPage } from './support/studio-page';

const COMBAT = 'src/systems/combat.ts';
const HEALTH = 'src/components/health.ts';
const NOT_ASSIGNABLE = "Type 'string' is not assignable to type 'number'.";

test("a type error reloads green and shows in Problems, on the timeline entry and in every open file", async ({ page, studio }, testInfo) => {
  const s = new StudioPage(page, testInfo);
  await page.goto(studio.url);
  const problems = page.getByTestId('problem');
  await expect(page.getByLabel('Problems', { exact: true })).toContainText('No TypeScript problems in the packs.', { timeout: 60_000 });
  await s.openFile('combat', HEALTH);
  await s.openFile('combat', COMBAT);

  await test.step("type `const n: number = 'oops'` and save: the reload is green", async () => {
    const before = await s.newestReloadId();
    await s.caretAtEndOf(9);
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    // Typed in full: where the editor closed the quote itself, the closing quote types over it.
    await page.keyboard.type("const n: number = 'oops';");
    await expect(page.locator('.monaco-editor .view-line', { hasText: "const n: number = 'oops';" })).toHaveCount(1);
    expect(await s.lineTop(11)).toBeDefined();
    await s.save();
    const entry = await s.reloadAfter(before, { pack: 'combat', trigger: 'file', file: COMBAT });
    await expect(entry).toHaveAttribute('data-outcome', 'success');

    // Then the type check, off the reload's path: the list, the entry's count, the marker.
    await expect(problems).toHaveCount(1, { timeout: 60_000 });
    await expect(problems.first()).toHaveAttribute('data-file', COMBAT);
    await expect(problems.first()).toHaveAttribute('data-line', '11');
    await expect(problems.first()).toContainText(`combat/${COMBAT}:11:7`);
    await expect(problems.first()).toContainText(NOT_ASSIGNABLE);
    await expect(problems.first()).toContainText('TS2322');
    await expect(page.getByTestId('problem-count')).toHaveText('1');
    await expect(entry).toHaveAttribute('data-problems', '1');
    await expect(entry).toContainText('1 problem');
    await expect(page.locator('.monaco-editor .maid-type-problem-glyph')).toHaveCount(1);
    expect(Math.abs(((await page.locator('.monaco-editor .maid-type-problem-glyph').boundingBox())?.y ?? 0) - ((await s.lineTop(11)) ?? -100))).toBeLessThan(4);
    await s.snapshot('type-error-in-problems');
  });

  await test.step('a type error in another open file (saved elsewhere) is marked in its tab too', async () => {
    const before = await s.newestReloadId();
    const file = join(studio.packsDir, 'combat', HEALTH);
    const text = await readFile(file, 'utf8');
    expect(text.split('\n')).toHaveLength(9); // eight lines and the last line end
    await writeFile(file, `${text}export const label: number = 'hit points';\n`);
    await s.reloadAfter(before, { pack: 'combat', trigger: 'file', file: HEALTH });
    await expect(problems).toHaveCount(2, { timeout: 60_000 });
    await expect(problems.filter({ hasText: `combat/${HEALTH}:9:14` })).toContainText(NOT_ASSIGNABLE);
    await page.getByRole('tab', { name: /health\.ts/ }).click();
    await expect(page.getByTestId('editor')).toHaveAttribute('data-file', `combat/${HEALTH}`);
    await expect(page.locator('.monaco-editor .maid-type-problem-glyph')).toHaveCount(1);
    await s.snapshot('type-error-in-second-file');
  });

  await test.step('a problem clicked opens its file at its line', async () => {
    await problems.filter({ hasText: `combat/${COMBAT}:11` }).click();
    await expect(page.getByTestId('editor')).toHaveAttribute('data-file', `combat/${COMBAT}`);
    const caretLine = page.locator('.monaco-editor .view-overlays .current-line');
    await expect(caretLine).toBeVisible();
    await expect.poll(async () => Math.abs(((await caretLine.boundingBox())?.y ?? 0) - ((await s.lineTop(11)) ?? -100))).toBeLessThan(4);
    await s.snapshot('problem-clicked');
  });
});
