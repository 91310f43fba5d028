// A pack saved with an endless loop while the author plays it in the
// terminal: the studio keeps answering (the engine runs in its own process
// and cuts the call off), the timeline shows the cut-off, the author opens
// the file, fixes it and saves, and the terminal's game session is the same
// one throughout.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from './support/fixtures';
import { logIn } from './support/author-flow';
import { StudioPage } from './support/studio-page';

const VITALS = 'src/systems/vitals.ts';

test('a system looping forever is cut off; the author fixes it in the studio; the game session survives', async ({ page, studio }, testInfo) => {
  const s = new StudioPage(page, testInfo);
  await page.goto(studio.url);
  await expect(s.pack('combat')).toHaveAttribute('data-status', 'loaded');
  await expect(s.terminalStatus()).toHaveText('open', { timeout: 15_000 });
  await logIn(s, 'Runa', 'loops-are-hard-42');
  // Every state the terminal's link goes through from now on: a dropped session would show as closed, then open again.
  await s.terminalStatus().evaluate((el) => {
    type Page = { linkStates: string[]; MutationObserver: new (cb: () => void) => { observe(target: unknown, options: object): void } };
    const page = globalThis as unknown as Page;
    const seen: string[] = [];
    page.linkStates = seen;
    new page.MutationObserver(() => seen.push(el.textContent ?? '')).observe(el, { childList: true, characterData: true, subtree: true });
  });

  // Saved by another editor: the loop on the line after `update(): void {`.
  const file = join(studio.packsDir, 'combat', VITALS);
  const original = await readFile(file, 'utf8');
  const loopLine = original.split('\n').findIndex((l) => l.includes('update(): void {')) + 2;
  const before = await s.newestReloadId();
  await writeFile(file, original.replace('update(): void {', 'update(): void {\n    while (true) {}'));
  const reloaded = await s.reloadAfter(before, { pack: 'combat', trigger: 'file', file: VITALS });
  await expect(reloaded).toHaveAttribute('data-outcome', 'success');
  const cutOff = await s.reloadAfter(Number(await reloaded.getAttribute('data-id')), { pack: 'combat', trigger: 'engine', timeout: 20_000 });
  await expect(cutOff).toHaveAttribute('data-kind', 'cut-off');
  await expect(cutOff).toContainText('call cut off');
  await expect(cutOff).toContainText(`system VitalsSystem ran for more than 2000 ms and was cut off at src/systems/vitals.ts:${loopLine}`);
  await s.snapshot('runaway-cut-off', { docs: 'studio-cut-off' });

  // The studio answers while the game goes on: open the file, take the loop out, save.
  await s.openFile('combat', VITALS);
  await expect(s.editorLine(loopLine)).toContainText('while (true) {}');
  await s.caretAtEndOf(loopLine);
  await page.keyboard.press('Shift+Home');
  await page.keyboard.press('Shift+Home');
  await page.keyboard.press('Backspace');
  await page.keyboard.press('Backspace');
  await expect(s.editorLine(loopLine)).not.toContainText('while');
  await s.save();
  const fixed = await s.reloadAfter(Number(await cutOff.getAttribute('data-id')), { pack: 'combat', trigger: 'file', file: VITALS });
  await expect(fixed).toHaveAttribute('data-outcome', 'success');
  expect(await readFile(file, 'utf8')).toBe(original);

  // The same game session all along: still logged in, answered, never asked to log in again.
  await expect(s.terminalStatus()).toHaveText('open');
  await s.command('say the loop is gone');
  await s.waitForTerminal(/You say, "the loop is gone"/);
  expect(await page.evaluate(() => (globalThis as unknown as { linkStates: string[] }).linkStates)).toEqual([]);
  expect(await s.terminalText()).not.toMatch(/By what name are you known/);
  await s.snapshot('runaway-fixed');
});
