// Every panel is usable on a laptop (1280×720) and a desktop (1920×1080)
// screen: each panel on screen, none over another, the log's filters whole,
// log lines wrapping at spaces (never inside a word or a path's name), the
// terminal breaking the game's text at spaces with one prompt, and packs that
// fold away. Each size's screenshot is kept with the results.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from './support/fixtures';
import { logIn } from './support/author-flow';
import { StudioPage } from './support/studio-page';
import type { Locator, Page } from '@playwright/test';

type Box = { x: number; y: number; width: number; height: number };

const PANELS = ['Packs', 'Editor', 'Terminal', 'Log', 'Reload timeline', 'Problems', 'State diff'];
const CELLAR = 'Barrels line the damp walls of this cramped cellar. Something scratches in the shadows.';

async function boxOf(locator: Locator): Promise<Box> {
  await expect(locator).toBeVisible();
  const box = await locator.boundingBox();
  expect(box, 'an element on screen has a box').not.toBeNull();
  return box as Box;
}

function inside(inner: Box, outer: Box, slack = 0.5): boolean {
  return inner.x >= outer.x - slack && inner.y >= outer.y - slack && inner.x + inner.width <= outer.x + outer.width + slack && inner.y + inner.height <= outer.y + outer.height + slack;
}

function overlap(a: Box, b: Box): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return w > 0 && h > 0 ? w * h : 0;
}

// Page scripts as text: they run in the page (DOM types are not part of the tests' compilation).
const BROKEN_WORDS = `(selector) => {
  const broken = [];
  const root = document.querySelector(selector);
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.textContent ?? '';
    for (const match of text.matchAll(/[^\\s/]+\\/?/g)) {
      const range = document.createRange();
      range.setStart(node, match.index);
      range.setEnd(node, match.index + match[0].length);
      const tops = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
      if (tops.size > 1) broken.push(match[0]);
    }
  }
  return broken;
}`;

/** Words (and a path's segments, up to each `/`) of the element's text that the browser laid out across two lines. */
function wordsBrokenAcrossLines(page: Page, selector: string): Promise<string[]> {
  return page.evaluate(`(${BROKEN_WORDS})(${JSON.stringify(selector)})`);
}

/** The element's line height in pixels. */
function lineHeightOf(locator: Locator): Promise<number> {
  return locator.evaluate((el) => {
    const style = (globalThis as unknown as { getComputedStyle(e: unknown): { lineHeight: string; fontSize: string } }).getComputedStyle(el);
    return parseFloat(style.lineHeight) || parseFloat(style.fontSize) * 1.2;
  });
}

for (const size of [
  { width: 1280, height: 720, maxLogLines: 3 },
  { width: 1920, height: 1080, maxLogLines: 2 },
]) {
  test(`every panel is usable at ${size.width}×${size.height}`, async ({ page, studio }, testInfo) => {
    await page.setViewportSize({ width: size.width, height: size.height });
    const viewport: Box = { x: 0, y: 0, width: size.width, height: size.height };
    const s = new StudioPage(page, testInfo);
    await page.goto(studio.url);
    await s.openFile('combat', 'src/systems/combat.ts');

    await test.step('play to the cellar in the terminal', async () => {
      await expect(s.terminalStatus()).toHaveText('open', { timeout: 15_000 });
      await logIn(s, 'Wren', 'correct horse battery');
      for (const way of ['north', 'east', 'down']) await s.command(way);
      await s.waitForTerminal(/Exits: up/);
    });

    await test.step('a reload that fails, so the log holds its long line with the path', async () => {
      const before = await s.newestReloadId();
      const file = join(studio.packsDir, 'combat', 'src', 'systems', 'combat.ts');
      await writeFile(file, (await readFile(file, 'utf8')).replace('BASE_DAMAGE = 10;', 'BASE_DAMAGE = 10 +;'));
      const entry = await s.reloadAfter(before, { pack: 'combat', trigger: 'file', file: 'src/systems/combat.ts' });
      await expect(entry).toHaveAttribute('data-outcome', 'rolled-back');
    });
    await s.snapshot(`layout-${size.width}x${size.height}`, size.width === 1280 ? { docs: 'studio-window' } : {});

    await test.step('each panel is on screen, big enough to use, and over no other', async () => {
      const boxes = new Map<string, Box>();
      for (const name of PANELS) {
        const box = await boxOf(page.getByLabel(name, { exact: true }).and(page.locator('.panel')));
        expect(inside(box, viewport), `${name} lies within the window`).toBe(true);
        expect(box.width, `${name} is wide enough to use`).toBeGreaterThanOrEqual(180);
        expect(box.height, `${name} is tall enough to use`).toBeGreaterThanOrEqual(120);
        boxes.set(name, box);
      }
      for (const [a, boxA] of boxes) for (const [b, boxB] of boxes) if (a < b) expect(overlap(boxA, boxB), `${a} and ${b} do not overlap`).toBeLessThan(1);
      // The World panel takes the State diff's place: on screen, usable, over no other, its inputs whole.
      await page.getByRole('tab', { name: 'World', exact: true }).click();
      const world = await boxOf(page.getByLabel('World', { exact: true }).and(page.locator('.panel')));
      expect(inside(world, viewport), 'World lies within the window').toBe(true);
      expect(world.width).toBeGreaterThanOrEqual(180);
      expect(world.height).toBeGreaterThanOrEqual(120);
      for (const [name, box] of boxes) if (name !== 'State diff') expect(overlap(world, box), `World and ${name} do not overlap`).toBeLessThan(1);
      for (const control of ['Entity search', 'Component query']) {
        const box = await boxOf(page.getByLabel(control, { exact: true }));
        expect(inside(box, world), `${control} is inside the World panel`).toBe(true);
        expect(box.width, `${control} is wide enough to use`).toBeGreaterThanOrEqual(60);
      }
      await s.snapshot(`layout-${size.width}x${size.height}-world`);
      await page.getByRole('tab', { name: 'State diff', exact: true }).click();
    });

    await test.step('the timeline entry shows all its parts inside its panel', async () => {
      const timeline = await boxOf(page.getByLabel('Reload timeline', { exact: true }).and(page.locator('.panel')));
      const parts = s.reloadEntries().first().locator('.reload-line > *');
      expect(await parts.count()).toBeGreaterThanOrEqual(5);
      for (const part of await parts.all()) expect(inside(await boxOf(part), timeline), `"${await part.innerText()}" is inside the timeline`).toBe(true);
    });

    await test.step("the log's filters are whole, inside the log panel", async () => {
      const log = await boxOf(page.getByLabel('Log', { exact: true }).and(page.locator('.panel')));
      for (const control of ['Log level', 'Log pack', 'Log filter']) {
        const box = await boxOf(page.getByLabel(control, { exact: true }));
        expect(inside(box, log), `${control} is inside the log panel`).toBe(true);
        expect(box.width, `${control} is wide enough to use`).toBeGreaterThanOrEqual(60);
      }
      await page.getByLabel('Log filter', { exact: true }).fill('rolled back');
      await expect(page.getByTestId('log').locator('.log-line')).toHaveCount(1);
      await page.getByLabel('Log filter', { exact: true }).fill('');
    });

    await test.step('log lines wrap at spaces only, a few lines at most', async () => {
      const failed = page.getByTestId('log').locator('.log-line', { hasText: 'rolled back to the previous version' });
      await expect(failed).toContainText('src/systems/combat.ts:7:');
      const lineHeight = await lineHeightOf(failed);
      const height = (await boxOf(failed)).height;
      expect(Math.round(height / lineHeight), `the failed reload's log line takes at most ${size.maxLogLines} lines`).toBeLessThanOrEqual(size.maxLogLines);
      expect(await wordsBrokenAcrossLines(page, '[data-testid="log"]'), 'no word or path segment cut across lines').toEqual([]);
    });

    await test.step('the terminal breaks the game text at spaces and shows one prompt', async () => {
      const rows = (await page.locator('[data-testid="terminal"] .xterm-rows > div').allInnerTexts()).map((r) => r.replace(/\u00a0/g, ' '));
      for (const word of CELLAR.split(' ')) expect(rows.some((r) => r.includes(word)), `"${word}" is whole on one row`).toBe(true);
      expect(rows.join('\n')).not.toContain('> >');
      const terminal = await boxOf(page.getByTestId('terminal'));
      expect(inside(terminal, viewport)).toBe(true);
      expect(inside(await boxOf(page.getByLabel('Command', { exact: true })), viewport), 'the command line is on screen').toBe(true);
    });

    await test.step('pack names are whole in the tree', async () => {
      const tree = await boxOf(page.getByLabel('Packs', { exact: true }).and(page.locator('.panel')));
      for (const name of ['combat', 'starter-world']) {
        const label = s.pack(name).locator('.pack-name');
        await expect(label).toHaveText(name);
        // A tall tree scrolls: the name is checked where the author scrolls it to.
        await label.scrollIntoViewIfNeeded();
        expect(inside(await boxOf(label), tree), `${name} fits in the tree`).toBe(true);
        expect(await label.evaluate((el) => el.scrollWidth <= el.clientWidth), `${name} is not cut off`).toBe(true);
      }
    });

    await test.step('packs fold away in the tree, and unfold', async () => {
      await page.getByRole('button', { name: 'Collapse starter-world' }).click();
      await expect(s.pack('starter-world')).toHaveAttribute('data-expanded', 'false');
      await expect(s.fileRow('starter-world', 'src/pack.ts')).toHaveCount(0);
      await expect(s.fileRow('combat', 'src/pack.ts')).toBeVisible();
      await s.snapshot(`layout-${size.width}x${size.height}-folded`);
      await page.getByRole('button', { name: 'Expand starter-world' }).click();
      await expect(s.fileRow('starter-world', 'src/pack.ts')).toBeVisible();
    });
  });
}
