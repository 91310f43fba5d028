// The Map panel as an author uses it: open it and see the starter world's
// rooms and exits; walk north in the terminal and watch the character's
// marker move; click a room to list what stands there in the World panel
// and open its entry in the area file; draw an exit from one room to
// another and add a room next to one, each written to the area file and on
// the map after the reload; a direction already taken is refused with the
// reason. Each step's screenshot is kept.
import { cp, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './support/fixtures';
import { logIn } from './support/author-flow';
import { StudioPage } from './support/studio-page';
import { launchStudio } from './support/studio-process';

const riverside = fileURLToPath(new URL('../docs/examples/world/riverside', import.meta.url));

const room = (page: Page, key: string) => page.locator(`[data-testid="map-room"][data-room="starter-world:${key}"]`);

async function centreOf(target: Locator): Promise<{ x: number; y: number }> {
  const box = await target.locator('rect').boundingBox();
  if (!box) throw new Error('the room is not drawn');
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

test('the Map panel shows the starter world, follows the character, opens a room, and writes exits and rooms to the area file', async ({ page, studio }, testInfo) => {
  const s = new StudioPage(page, testInfo);
  const town = join(studio.packsDir, 'starter-world', 'areas', 'town.yaml');
  await page.goto(studio.url);
  await expect(s.pack('starter-world')).toHaveAttribute('data-status', 'loaded');
  await expect(s.terminalStatus()).toHaveText('open', { timeout: 15_000 });
  await logIn(s, 'Wren', 'correct horse battery');

  await test.step("open the Map panel: the starter world's rooms and exits, coloured by area", async () => {
    await page.getByRole('tab', { name: 'Map', exact: true }).click();
    await expect(page.getByLabel('Map', { exact: true }).and(page.locator('.panel'))).toBeVisible();
    for (const key of ['town-square', 'north-road', 'market', 'tavern', 'temple', 'south-gate', 'forest-edge']) await expect(room(page, key)).toHaveCount(1);
    await expect(room(page, 'town-square')).toHaveAttribute('data-area', 'Town');
    // The cellar is a level down: not drawn on the ground level, a mark in the tavern says there is a way down.
    await expect(room(page, 'cellar')).toHaveCount(0);
    await expect(room(page, 'tavern').getByLabel('exit down')).toHaveCount(1);
    await expect(page.locator('[data-testid="map-exit"][data-from="starter-world:north-road"][data-to="starter-world:town-square"]')).toHaveCount(1);
    await expect(page.getByTestId('map-legend')).toContainText('Town');
    await s.snapshot('map-open');
  });

  const wren = page.locator('[data-testid="map-marker"][data-name="Wren"]');
  await test.step("walk north in the terminal: the character's marker moves, and the map follows it", async () => {
    await expect(wren).toHaveAttribute('data-room', 'starter-world:town-square');
    await s.command('north');
    await s.waitForTerminal(/North Road/);
    await expect(wren).toHaveAttribute('data-room', 'starter-world:north-road');
    await expect(room(page, 'north-road')).toHaveClass(/followed/);
    await s.snapshot('map-walked-north');
  });

  await test.step('click a room: the World panel lists what stands there, the editor opens its entry in the area file', async () => {
    const text = await readFile(town, 'utf8');
    const line = text.split('\n').findIndex((l) => l.trim() === '- key: north-road') + 1;
    await room(page, 'north-road').click();
    await expect(page.getByTestId('world-room')).toContainText('starter-world:north-road');
    await expect(page.getByTestId('entity-row').filter({ hasText: 'Wren' })).toHaveCount(1);
    await expect(page.getByTestId('editor')).toHaveAttribute('data-file', 'starter-world/areas/town.yaml');
    const caretLine = page.locator('.monaco-editor .view-overlays .current-line');
    await expect(caretLine).toBeVisible();
    await expect.poll(async () => Math.abs(((await caretLine.boundingBox())?.y ?? 0) - ((await s.lineTop(line)) ?? -100))).toBeLessThan(4);
    await s.snapshot('map-room-opened');
  });

  await test.step('draw an exit from the market to the tavern: written to the area file, on the map after the reload', async () => {
    await page.getByRole('button', { name: 'Fit', exact: true }).click();
    await expect(room(page, 'market')).toBeInViewport();
    const from = await centreOf(room(page, 'market'));
    const to = await centreOf(room(page, 'tavern'));
    await page.mouse.move(from.x, from.y);
    await page.mouse.down();
    await page.mouse.move((from.x + to.x) / 2, (from.y + to.y) / 2, { steps: 4 });
    await page.mouse.move(to.x, to.y, { steps: 4 });
    await page.mouse.up();
    const form = page.getByRole('form', { name: 'New exit' });
    await expect(form).toContainText('Exit from Market to The Prancing Rat');
    await expect(form.getByLabel('Exit direction')).toHaveValue('north');
    await form.getByRole('button', { name: 'Write exit' }).click();
    await expect(page.getByTestId('map-outcome')).toContainText('Exit north from Market to The Prancing Rat written to starter-world/areas/town.yaml');
    await expect.poll(async () => readFile(town, 'utf8')).toContain('exits: { west: town-square, north: tavern }');
    await expect(page.locator('[data-testid="map-exit"][data-from="starter-world:market"][data-dir="north"]')).toHaveCount(1, { timeout: 15_000 });
    await s.snapshot('map-exit-drawn');
  });

  await test.step('add a room east of the market: written to the area file, on the map after the reload', async () => {
    await room(page, 'market').click();
    const form = page.getByRole('form', { name: 'New room' });
    await form.getByLabel('New room direction').selectOption('east');
    await form.getByLabel('New room name').fill('Spice Stall');
    await form.getByRole('button', { name: 'Add room' }).click();
    await expect(page.getByTestId('map-outcome')).toContainText('Room Spice Stall (starter-world:spice-stall) added east of Market');
    await expect.poll(async () => readFile(town, 'utf8')).toMatch(/- key: spice-stall\n\s+name: Spice Stall\n[\s\S]*coordinates: \[2, 0, 0\]/);
    await expect(room(page, 'spice-stall')).toHaveCount(1, { timeout: 15_000 });
    await expect(page.locator('[data-testid="map-exit"][data-from="starter-world:market"][data-to="starter-world:spice-stall"]')).toHaveCount(1);
    await s.snapshot('map-room-added');
  });

  await test.step('a room in a direction already taken is refused with the reason; the file is unchanged', async () => {
    const before = await readFile(town, 'utf8');
    await room(page, 'town-square').click();
    const form = page.getByRole('form', { name: 'New room' });
    await form.getByLabel('New room direction').selectOption('north');
    await form.getByLabel('New room name').fill('Well');
    await form.getByRole('button', { name: 'Add room' }).click();
    await expect(page.getByTestId('map-outcome')).toHaveText('Not written: Town Square already has an exit north (to starter-world:north-road); nothing was written.');
    await s.snapshot('map-refused');
    expect(await readFile(town, 'utf8')).toBe(before);
  });

  await test.step('Larger: the map takes most of the window, its rooms drawn bigger after Fit; Smaller: back as it was', async () => {
    const panel = page.getByLabel('Map', { exact: true }).and(page.locator('.panel'));
    const before = await panel.boundingBox();
    const roomBefore = await room(page, 'town-square').locator('rect').boundingBox();
    await page.getByRole('button', { name: 'Larger', exact: true }).click();
    await expect.poll(async () => ((await panel.boundingBox())?.height ?? 0) / (before?.height ?? 1)).toBeGreaterThan(1.5);
    await page.getByRole('button', { name: 'Fit', exact: true }).click();
    await expect.poll(async () => ((await room(page, 'town-square').locator('rect').boundingBox())?.width ?? 0) / (roomBefore?.width ?? 1)).toBeGreaterThan(1.2);
    await s.snapshot('map-larger', { docs: 'studio-map' });
    await page.getByRole('button', { name: 'Smaller', exact: true }).click();
    await expect.poll(async () => Math.abs(((await panel.boundingBox())?.height ?? 0) - (before?.height ?? 0))).toBeLessThan(3);
  });
});

test("an area that gives no coordinates is laid out from its exits (ELK), beside the town, in its own colour", async ({ page }, testInfo) => {
  const studio = await launchStudio({
    prepare: async (packsDir) => {
      await cp(riverside, join(packsDir, 'riverside'), { recursive: true });
      // The square gets a way down to the riverside's steps (docs/examples/world/town-exit-down.yaml).
      const town = join(packsDir, 'starter-world', 'areas', 'town.yaml');
      await writeFile(town, (await readFile(town, 'utf8')).replace('south: south-gate }', 'south: south-gate, down: riverside:steps }'));
    },
  });
  try {
    const s = new StudioPage(page, testInfo);
    await page.goto(studio.url);
    await expect(s.pack('riverside')).toHaveAttribute('data-status', 'loaded');
    await page.getByRole('tab', { name: 'Map', exact: true }).click();
    const steps = page.locator('[data-testid="map-room"][data-room="riverside:steps"]');
    const jetty = page.locator('[data-testid="map-room"][data-room="riverside:jetty"]');
    await expect(steps).toHaveAttribute('data-area', 'Riverside');
    await expect(jetty).toHaveCount(1);
    await expect(page.getByTestId('map-legend')).toContainText('Riverside');
    // The steps and the jetty, a way down apart, are drawn on one level: a line joins them.
    await expect(page.locator('[data-testid="map-exit"][data-from="riverside:jetty"][data-to="riverside:steps"]')).toHaveCount(1);
    await page.getByRole('button', { name: 'Fit', exact: true }).click();
    // Laid out beside the town's rooms, each on a cell of its own, in a colour not the town's.
    const square = await centreOf(room(page, 'market'));
    const [a, b] = [await centreOf(steps), await centreOf(jetty)];
    expect(Math.min(a.x, b.x)).toBeGreaterThan(square.x);
    expect(Math.hypot(a.x - b.x, a.y - b.y)).toBeGreaterThan(10);
    expect(await steps.locator('rect').getAttribute('fill')).not.toBe(await room(page, 'market').locator('rect').getAttribute('fill'));
    await s.snapshot('map-two-areas');
  } finally {
    await studio.stop();
  }
});
