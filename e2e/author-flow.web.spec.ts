import { authorFlow } from './support/author-flow';
import { expect, test } from './support/fixtures';
import { StudioPage } from './support/studio-page';

test('a pack author edits combat damage, breaks it and fixes it, in web mode', async ({ page, studio }, testInfo) => {
  await page.goto(studio.url);
  await authorFlow(new StudioPage(page, testInfo), { game: 'required' });
  // The reloads happened on the copy, never on the repository's packs.
  expect(studio.packsDir).not.toContain(process.cwd() + '/packs');
});
