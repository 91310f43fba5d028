// The pack author's round trip, shared by the web and Electron projects:
// edit combat's damage in Monaco, save, watch the reload land on the
// timeline with its state diff, play it in the terminal, break the file and
// see the rollback and the marker, fix it and see the marker go.
import { expect, test } from '@playwright/test';
import type { StudioPage } from './studio-page';

const COMBAT_FILE = 'src/systems/combat.ts';
const DAMAGE_LINE = 7;

/** Creates a character through the game's login: name, yes to a new character, the password twice (masked). */
export async function logIn(s: StudioPage, name: string, password: string): Promise<void> {
  const input = s.page.getByLabel('Command', { exact: true });
  await s.waitForTerminal(/Name:/, 15_000);
  await s.command(name);
  await s.waitForTerminal(/\(yes\/no\)/);
  await s.command('yes');
  await s.waitForTerminal(/Choose a password:/);
  await expect(input).toHaveAttribute('type', 'password'); // the game turned echo off: the line is masked
  await s.command(password);
  await s.waitForTerminal(/again:/);
  await s.command(password);
  await s.waitForTerminal(/Exits:/);
  await expect(input).toHaveAttribute('type', 'text');
  expect(await s.terminalText()).not.toContain(password);
}

export interface AuthorFlowOptions {
  /** `required`: the terminal steps run, and a studio without a game fails them; `optional`: skipped, with a note, where the studio says it has no game. */
  game: 'required' | 'optional';
}

export async function authorFlow(s: StudioPage, options: AuthorFlowOptions): Promise<void> {
  const { page } = s;

  await test.step('the studio shows both packs, loaded', async () => {
    await expect(s.pack('combat')).toBeVisible();
    await expect(s.pack('starter-world')).toBeVisible();
    await expect(s.pack('combat')).toHaveAttribute('data-status', 'loaded');
    await expect(s.pack('combat')).toContainText(/[1-9]\d* systems? · [1-9]\d* commands?/);
    await expect(s.pack('starter-world')).toHaveAttribute('data-status', 'loaded');
    await s.snapshot('studio-open');
  });

  await test.step("open combat's system file", async () => {
    await s.openFile('combat', COMBAT_FILE);
    await expect(s.editorLine(DAMAGE_LINE)).toContainText('export const BASE_DAMAGE = 10;');
    await s.snapshot('combat-file-open');
  });

  await test.step('IntelliSense knows @maid/engine, the pack\'s own files and the packs it depends on', async () => {
    await expect.poll(() => s.hoverText(1, 'System'), { timeout: 30_000 }).toContain('class System');
    expect(await s.hoverText(3, 'Health')).toMatch(/const Health: ComponentType<\{\s*current: number;/);
    expect(await s.hoverText(2, 'nameOf')).toContain('function nameOf(entity: Entity): string');
    await expect(page.locator('.monaco-editor .squiggly-error')).toHaveCount(0);
  });

  await test.step('change the damage by typing and save with Ctrl+S', async () => {
    const before = await s.newestReloadId();
    await s.caretAtEndOf(DAMAGE_LINE);
    await page.keyboard.press('ArrowLeft'); // before the ;
    await page.keyboard.press('Backspace');
    await page.keyboard.press('Backspace');
    await page.keyboard.type('25');
    await expect(s.editorLine(DAMAGE_LINE)).toContainText('export const BASE_DAMAGE = 25;');
    await expect(s.editorTab()).toHaveAttribute('data-dirty', 'true');
    await s.save();
    const entry = await s.reloadAfter(before, { pack: 'combat', trigger: 'file', file: COMBAT_FILE });
    await expect(entry).toHaveAttribute('data-outcome', 'success');
    await expect(entry).toContainText(COMBAT_FILE);
    await entry.click(); // the diff of this reload, whatever lands after it
    await expect(s.editorTab()).toHaveAttribute('data-dirty', 'false');
    await expect(page.getByTestId('state-diff-summary')).toHaveAttribute('data-outcome', 'success');
    await expect(page.getByTestId('state-diff').locator('[data-system="CombatSystem"]')).toBeVisible();
    await s.snapshot('saved-new-damage');
  });

  // Web mode always has the game (the studio starts it on a free port): no game there is a failure, never a skip.
  const game = options.game === 'required' || (await s.terminalStatus().textContent()) !== 'no game';
  if (!game) {
    test.info().annotations.push({ type: 'skipped steps', description: 'Terminal steps skipped: the studio reports no game server to connect to (see the terminal panel).' });
  }

  if (game) {
    await test.step('in the terminal, log in and attack: the new damage', async () => {
      await expect(s.terminalStatus(), 'the terminal reaches the game (web mode always starts one)').toHaveText('open', { timeout: 15_000 });
      await logIn(s, 'Aldric', 'correct horse battery');
      for (const way of ['north', 'east', 'down']) await s.command(way);
      await s.command('attack rat');
      await s.waitForTerminal(/You hit a giant rat for 25 damage/);
      await s.snapshot('terminal-attack');
    });
  }

  await test.step('a syntax error: failed, rolled back, marked at its line', async () => {
    const before = await s.newestReloadId();
    await s.caretAtEndOf(DAMAGE_LINE);
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.type(' +');
    await expect(s.editorLine(DAMAGE_LINE)).toContainText('export const BASE_DAMAGE = 25 +;');
    await s.save();
    const entry = await s.reloadAfter(before, { pack: 'combat', trigger: 'file', file: COMBAT_FILE });
    await expect(entry).toHaveAttribute('data-outcome', 'rolled-back');
    const problem = page.getByTestId('reload-problem');
    await expect(problem).toHaveAttribute('data-file', COMBAT_FILE);
    await expect(problem).toHaveAttribute('data-line', String(DAMAGE_LINE));
    await expect(problem).toContainText(`${COMBAT_FILE}:${DAMAGE_LINE}`);
    // The marker sits on the damage line: its highlight lines up with that line's number.
    const marker = page.locator('.monaco-editor .view-overlays .maid-reload-error-line');
    await expect(marker).toHaveCount(1);
    const markerTop = (await marker.boundingBox())?.y;
    expect(markerTop).toBeDefined();
    expect(Math.abs((markerTop ?? 0) - ((await s.lineTop(DAMAGE_LINE)) ?? -100))).toBeLessThan(4);
    await expect(page.locator('.monaco-editor .maid-reload-error-glyph')).toHaveCount(1);
    await expect(s.pack('combat')).toHaveAttribute('data-status', 'loaded'); // the previous version still runs
    // The state diff says what the rollback kept, not "no StatefulSystem".
    await entry.click();
    const diff = page.getByTestId('state-diff');
    await expect(page.getByTestId('state-diff-summary')).toHaveAttribute('data-outcome', 'rolled-back');
    await expect(page.getByTestId('state-diff-kept')).toContainText(/Kept: v1\.0\.0 of combat still runs, with the state of [^;]*CombatSystem[^;]* as it was/);
    await expect(diff.getByRole('heading', { name: /^Systems \([1-9]\d*\): state kept$/ })).toBeVisible();
    await expect(diff.locator('[data-system="CombatSystem"][data-kept="true"]')).toContainText('kept: the running version holds this state');
    await expect(diff).not.toContainText('No StatefulSystem in this pack');
    await expect(diff).toContainText('No component data changed: the rollback put it back as it was.');
    await s.snapshot('syntax-error-rolled-back');
  });

  if (game) {
    await test.step('the terminal session still answers', async () => {
      await s.command('say still here after the failed reload');
      await s.waitForTerminal(/You say[^\n]*still here after the failed reload/i);
      await s.snapshot('terminal-after-failed-reload');
    });
  }

  await test.step('fix it, save: a successful reload clears the marker', async () => {
    const before = await s.newestReloadId();
    await s.caretAtEndOf(DAMAGE_LINE);
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('Backspace');
    await page.keyboard.press('Backspace');
    await expect(s.editorLine(DAMAGE_LINE)).toContainText('export const BASE_DAMAGE = 25;');
    await s.save();
    const entry = await s.reloadAfter(before, { pack: 'combat', trigger: 'file', file: COMBAT_FILE });
    await expect(entry).toHaveAttribute('data-outcome', 'success');
    await expect(page.getByTestId('reload-problem')).toHaveCount(0);
    await expect(page.locator('.monaco-editor .maid-reload-error-line')).toHaveCount(0);
    await expect(page.locator('.monaco-editor .maid-reload-error-glyph')).toHaveCount(0);
    await s.snapshot('fixed-marker-cleared');
  });
}
