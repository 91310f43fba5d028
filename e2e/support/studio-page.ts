// The studio as a pack author sees it: helpers that act through the UI only
// (clicks, typing, keyboard shortcuts) and read what is on screen.
import { copyFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, type Locator, type Page, type TestInfo } from '@playwright/test';

/** Which timeline entry a step waits for. */
export interface ReloadWanted {
  pack: string;
  trigger: 'file' | 'manual' | 'api' | 'dependency' | 'load' | 'engine';
  /** A file the reload changed, relative to the pack folder. */
  file?: string;
  timeout?: number;
}

export class StudioPage {
  constructor(
    readonly page: Page,
    private readonly testInfo: TestInfo,
  ) {}

  private shots = 0;

  /**
   * A full-window screenshot kept with the test's results. `docs` names the
   * picture docs/ show of this step: with MAID_DOCS_SCREENSHOTS set to a
   * folder (`docs/images` to renew them), it is written there too.
   */
  async snapshot(name: string, options: { docs?: string } = {}): Promise<void> {
    const file = this.testInfo.outputPath(`${String(++this.shots).padStart(2, '0')}-${name}.png`);
    await this.page.screenshot({ path: file });
    await this.testInfo.attach(name, { path: file, contentType: 'image/png' });
    const docsDir = process.env.MAID_DOCS_SCREENSHOTS;
    if (docsDir && options.docs) {
      await mkdir(docsDir, { recursive: true });
      await copyFile(file, join(docsDir, `${options.docs}.png`));
    }
  }

  pack(name: string): Locator {
    return this.page.getByTestId(`pack-${name}`);
  }

  fileRow(pack: string, path: string): Locator {
    return this.pack(pack).locator(`[data-path="${path}"] > .tree-row`);
  }

  async openFile(pack: string, path: string): Promise<void> {
    await this.fileRow(pack, path).click();
    await expect(this.page.getByTestId('editor')).toHaveAttribute('data-file', `${pack}/${path}`);
    await expect(this.page.locator('.monaco-editor .view-lines')).toBeVisible();
  }

  /** The text of an editor line as displayed (1-based). */
  editorLine(line: number): Locator {
    return this.page.locator('.monaco-editor .view-lines .view-line').nth(line - 1);
  }

  /** Puts the caret at the end of a line by clicking it and pressing End. */
  async caretAtEndOf(line: number): Promise<void> {
    await this.editorLine(line).click();
    await this.page.keyboard.press('End');
  }

  async save(): Promise<void> {
    await this.page.keyboard.press('ControlOrMeta+s');
  }

  /** The editor's selected file tab (other panels have tabs too). */
  editorTab(): Locator {
    return this.page.getByLabel('Editor', { exact: true }).and(this.page.locator('.panel')).getByRole('tab', { selected: true });
  }

  reloadEntries(): Locator {
    return this.page.getByTestId('reload-entry');
  }

  /** The newest timeline entry's id (0 when there is none). */
  async newestReloadId(): Promise<number> {
    const first = this.reloadEntries().first();
    if ((await this.reloadEntries().count()) === 0) return 0;
    return Number(await first.getAttribute('data-id'));
  }

  /**
   * Waits for the timeline entry a step means (its pack, trigger and, when
   * given, a changed file) among those newer than `afterId`, and returns
   * that entry pinned by its id: never "whatever is newest", which another
   * reload (a save's debounce still pending, a dependant) can take over.
   */
  async reloadAfter(afterId: number, want: ReloadWanted): Promise<Locator> {
    const candidates = this.reloadEntries().and(this.page.locator(`[data-pack="${want.pack}"][data-trigger="${want.trigger}"]`));
    const id = async () => {
      const found = await candidates.evaluateAll(
        (els, { afterId, file }) =>
          els
            .filter((el) => Number(el.getAttribute('data-id')) > afterId && (file === undefined || (el.getAttribute('data-files') ?? '').split(',').includes(file)))
            .map((el) => Number(el.getAttribute('data-id'))),
        { afterId, file: want.file },
      );
      return found.length > 0 ? Math.min(...found) : 0;
    };
    await expect.poll(id, { timeout: want.timeout ?? 15_000, message: `a ${want.trigger} reload of ${want.pack}${want.file ? ` changing ${want.file}` : ''} after entry #${afterId}` }).toBeGreaterThan(0);
    return this.reloadEntries().and(this.page.locator(`[data-id="${await id()}"]`));
  }

  terminalStatus(): Locator {
    return this.page.getByTestId('terminal-status');
  }

  /** What the terminal shows now. */
  async terminalText(): Promise<string> {
    return (await this.page.locator('[data-testid="terminal"] .xterm-rows').innerText()).replace(/\u00a0/g, ' ');
  }

  async waitForTerminal(pattern: RegExp, timeout = 10_000): Promise<void> {
    await expect.poll(() => this.terminalText(), { timeout }).toMatch(pattern);
  }

  async command(line: string): Promise<void> {
    const input = this.page.getByLabel('Command', { exact: true });
    await input.fill(line);
    await input.press('Enter');
  }

  /** Hovers a word on an editor line and returns the hover's text (type information, docs). */
  async hoverText(line: number, word: string): Promise<string> {
    const hover = this.page.locator('.monaco-hover-content').first();
    await this.page.mouse.move(2, 2);
    await this.editorLine(line).getByText(word, { exact: true }).first().hover();
    await expect(hover).toBeVisible({ timeout: 15_000 });
    const text = await hover.innerText();
    await this.page.mouse.move(2, 2);
    return text;
  }

  /** The vertical position of an editor line's number in the gutter. */
  async lineTop(line: number): Promise<number | undefined> {
    const number = this.page.locator('.monaco-editor .margin-view-overlays .line-numbers', { hasText: new RegExp(`^${line}$`) });
    return (await number.boundingBox())?.y;
  }
}
