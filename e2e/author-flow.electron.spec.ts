// The same author flow in the desktop app, where an Electron binary is
// installed; plus what only Electron has: the page has no Node, the preload
// bridge is two functions, navigation and new windows are denied.
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { _electron as electron, expect, test } from '@playwright/test';
import { findElectronBinary, NO_ELECTRON_REASON } from '../src/main/launch/electron-binary';
import { authorFlow } from './support/author-flow';
import { repoRoot } from './support/paths';
import { StudioPage } from './support/studio-page';
import { prepareWorkDir } from './support/studio-process';

const binary = findElectronBinary(repoRoot);

test.skip(!binary, NO_ELECTRON_REASON);

// eslint-disable-next-line no-empty-pattern -- no browser fixture: the test launches Electron itself
test('a pack author edits combat damage, breaks it and fixes it, in the desktop app', async ({}, testInfo) => {
  const { workDir, packsDir, dataDir } = await prepareWorkDir();
  const app = await electron.launch({
    executablePath: binary!,
    args: [join(repoRoot, 'out', 'main', 'index.js')],
    cwd: repoRoot,
    env: { ...process.env, MAID_STUDIO_OPTIONS: JSON.stringify({ packsDir, dataDir, gamePort: 0 }) } as Record<string, string>,
  });
  try {
    const page = await app.firstWindow();
    await test.step('the page is isolated: no Node, a two-function bridge', async () => {
      // Page scripts as text: they run in the page, not in Node.
      expect(await page.evaluate('typeof window.require')).toBe('undefined');
      expect(await page.evaluate('typeof window.process')).toBe('undefined');
      expect(await page.evaluate('Object.keys(window.maidStudio).sort()')).toEqual(['call', 'onEvent']);
      expect(await page.evaluate("window.maidStudio.call('eval', []).then(() => 'accepted', (err) => err.message)")).toContain('Unknown studio method');
      expect(await page.evaluate("window.open('https://example.com') === null")).toBe(true);
      expect(app.windows()).toHaveLength(1);
    });
    await authorFlow(new StudioPage(page, testInfo), { game: 'optional' });
  } finally {
    await app.close();
    await rm(workDir, { recursive: true, force: true });
  }
});
