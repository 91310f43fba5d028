/**
 * The studio's two user-facing latencies, in web mode, in Debian's Chromium:
 *
 * - start: from starting the studio process (a fresh Node process: tsx, the
 *   web host, then the engine with both packs, the watcher) to an
 *   interactive editor in a browser that is already running: page loaded,
 *   pack tree shown, combat's system file open in Monaco with the caret in
 *   it. Measured with an empty browser cache ("first launch") and with the
 *   studio's bundles cached by an earlier launch on the same port.
 * - save: from the Ctrl+S keydown in the page to the new entry on the reload
 *   timeline, both read on the page's own clock. The watcher's debounce is
 *   part of it by design (0.5 s, the default): the target is debounce + 150 ms.
 *
 * Each start uses a fresh copy of the packs and a fresh data folder.
 */
import { chromium, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { median, percentile } from '../lib/measure';
import type { Suite, SuiteReport } from '../lib/suite';
import { launchStudio, type RunningStudio } from '../../e2e/support/studio-process';

const CHROMIUM = process.env.MAID_CHROMIUM ?? '/usr/bin/chromium';
const DEBOUNCE_S = 0.5;
const COMBAT_FILE = 'src/systems/combat.ts';
const DAMAGE_LINE = 7;
/** A fixed port for the warm-cache starts (the browser caches per origin). */
const WARM_PORT = 4199;

interface StartSample {
  /** Process start to the URL line. */
  hostMs: number;
  /** Process start to the editor ready for typing. */
  totalMs: number;
}

// Page scripts are given as text: they run in the page, and tsx's helpers must not leak into them.
const ARM_SAVE_PROBE = `(() => {
  const w = window;
  w.__saveAt = undefined;
  w.__entryAt = undefined;
  const first = document.querySelector('[data-testid="reload-entry"]')?.getAttribute('data-id') ?? null;
  const onKey = (e) => {
    if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 's' && w.__saveAt === undefined) w.__saveAt = performance.now();
  };
  window.addEventListener('keydown', onKey, { capture: true });
  const observer = new MutationObserver(() => {
    const id = document.querySelector('[data-testid="reload-entry"]')?.getAttribute('data-id') ?? null;
    if (id !== first && w.__entryAt === undefined) {
      w.__entryAt = performance.now();
      observer.disconnect();
      window.removeEventListener('keydown', onKey, { capture: true });
    }
  });
  observer.observe(document.body, { childList: true, subtree: true });
})()`;
const SAVE_PROBE_RESULT = `[window.__saveAt, window.__entryAt, document.querySelector('[data-testid="reload-entry"]')?.getAttribute('data-outcome')]`;

async function openEditor(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.locator(`[data-testid="pack-combat"] [data-path="${COMBAT_FILE}"] > .tree-row`).click();
  await page.locator('.monaco-editor .view-lines .view-line').nth(DAMAGE_LINE - 1).waitFor();
  // The caret is in the editor: Monaco has focus (its input element sits inside .monaco-editor).
  await page.locator('.monaco-editor.focused').waitFor();
}

async function measureStart(context: BrowserContext, port?: number): Promise<{ sample: StartSample; studio: RunningStudio; page: Page }> {
  const page = await context.newPage();
  const studio = await launchStudio({ watchDebounce: DEBOUNCE_S, ...(port !== undefined ? { port } : {}) });
  try {
    await openEditor(page, studio.url);
  } catch (err) {
    await studio.stop(); // never leave a studio running behind a failed measurement
    throw err;
  }
  return { sample: { hostMs: studio.startupMs, totalMs: performance.now() - studio.spawnedAt }, studio, page };
}

/** Types a new damage value and saves; returns keydown-to-timeline-entry on the page's clock. */
async function measureSave(page: Page, damage: number): Promise<number> {
  await page.evaluate(ARM_SAVE_PROBE);
  await page.locator('.monaco-editor .view-lines .view-line').nth(DAMAGE_LINE - 1).click();
  await page.keyboard.press('End');
  await page.keyboard.press('Shift+Home');
  await page.keyboard.type(`export const BASE_DAMAGE = ${damage};`);
  await page.keyboard.press('Control+s');
  await page.waitForFunction(() => (globalThis as { __entryAt?: number }).__entryAt !== undefined, undefined, { timeout: 10_000 });
  const [saveAt, entryAt, outcome] = (await page.evaluate(SAVE_PROBE_RESULT)) as [number, number, string];
  if (outcome !== 'success') throw new Error(`the reload after saving damage ${damage} was ${outcome}`);
  return entryAt - saveAt;
}

const fmt = (ms: number) => ms.toFixed(0);

function stats(values: number[]): string[] {
  return [median(values), percentile(values, 90), Math.min(...values), Math.max(...values)].map(fmt);
}

async function startRound(browser: Browser, cached: boolean, log: (l: string) => void, i: number): Promise<StartSample> {
  // A first launch: a fresh browser context (empty cache), a free port. A later launch: a context that loaded the studio before, same port.
  const context = await browser.newContext({ viewport: { width: 1400, height: 860 } });
  try {
    if (cached) {
      const primer = await measureStart(context, WARM_PORT);
      await primer.page.close();
      await primer.studio.stop();
    }
    const run = await measureStart(context, cached ? WARM_PORT : undefined);
    await run.page.close();
    await run.studio.stop();
    log(`start ${i + 1} (${cached ? 'cached' : 'first launch'}): host ${fmt(run.sample.hostMs)} ms, total ${fmt(run.sample.totalMs)} ms`);
    return run.sample;
  } finally {
    await context.close();
  }
}

export async function runStudioBench(options: { starts: number; saves: number; log: (line: string) => void }): Promise<SuiteReport> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const cold: StartSample[] = [];
  const warm: StartSample[] = [];
  const saves: number[] = [];
  try {
    await startRound(browser, false, () => {}, 0); // unmeasured: warms the OS file cache
    for (let i = 0; i < options.starts; i++) {
      cold.push(await startRound(browser, false, options.log, i));
      warm.push(await startRound(browser, true, options.log, i));
    }
    const context = await browser.newContext({ viewport: { width: 1400, height: 860 } });
    const run = await measureStart(context);
    try {
      await measureSave(run.page, 11); // warm-up save, not counted
      for (let j = 0; j < options.saves; j++) {
        const ms = await measureSave(run.page, 12 + j);
        saves.push(ms);
        options.log(`save ${j + 1}/${options.saves}: ${fmt(ms)} ms`);
        await run.page.waitForTimeout(150);
      }
    } finally {
      await run.studio.stop();
      await context.close();
    }
  } finally {
    await browser.close();
  }
  const target = DEBOUNCE_S * 1000 + 150;
  const total = (xs: StartSample[]) => median(xs.map((s) => s.totalMs));
  return {
    tables: [
      {
        title: `Studio start to an interactive editor (web mode, median of ${cold.length} each; target < 2000 ms)`,
        columns: ['start', 'measure', 'median ms', 'p90 ms', 'min ms', 'max ms'],
        align: ['left', 'left', 'right', 'right', 'right', 'right'],
        rows: [
          ['first launch (empty browser cache)', 'process start to URL printed', ...stats(cold.map((s) => s.hostMs))],
          ['first launch (empty browser cache)', 'process start to editor ready', ...stats(cold.map((s) => s.totalMs))],
          ['later launch (bundles cached)', 'process start to URL printed', ...stats(warm.map((s) => s.hostMs))],
          ['later launch (bundles cached)', 'process start to editor ready', ...stats(warm.map((s) => s.totalMs))],
        ],
      },
      {
        title: `Ctrl+S to the timeline entry (debounce ${DEBOUNCE_S * 1000} ms, median of ${saves.length}; target < ${target} ms)`,
        columns: ['measure', 'median ms', 'p90 ms', 'min ms', 'max ms'],
        rows: [
          ['keydown to entry shown', ...stats(saves)],
          ['of which past the debounce', ...stats(saves.map((ms) => ms - DEBOUNCE_S * 1000))],
        ],
      },
    ],
    notes: [
      `Start, first launch: median ${fmt(total(cold))} ms; later launch: ${fmt(total(warm))} ms (target 2000 ms: ${total(cold) < 2000 ? 'met' : 'missed'} on a first launch, ${total(warm) < 2000 ? 'met' : 'missed'} on a later one).`,
      `Save: median ${fmt(median(saves))} ms (target ${target} ms: ${median(saves) < target ? 'met' : 'missed'}).`,
    ],
    data: { cold, warm, saves, debounceSeconds: DEBOUNCE_S },
  };
}

const suite: Suite = {
  name: 'studio',
  description: 'MAID Studio in web mode: start to an interactive editor, Ctrl+S to the timeline entry',
  run: (context) => runStudioBench({ starts: context.quick ? 2 : 7, saves: context.quick ? 4 : 15, log: context.log }),
};

export default suite;
