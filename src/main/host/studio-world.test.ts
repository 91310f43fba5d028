// The World panel through the studio host, on a copy of the shipped packs:
// an NPC found by name and query, its Health set (an edit entry on the
// timeline), watched live, still set after an engine restart, a value its
// component cannot hold refused, the edit undone from its entry, and
// "go to definition" landing on defineComponent.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StudioEvent } from '../../shared/api';
import { StudioError } from '../../shared/errors';
import type { EntityDelta, EntityEdit } from '../../shared/model';
import { dispatch } from '../api/dispatch';
import type { StudioService } from '../api/studio-service';
import type { StudioHost } from './studio-host';
import { startHostOnCopy, type HostUnderTest } from './studio-host.test-kit';

/** A pack whose load takes a while, so an edit can arrive while it reloads. */
const SLOW_PACK = `import { defineComponent, type ContentPack, type GameEngine } from '@maid/engine';
export const Slow = defineComponent({ name: 'Slow', defaults: () => ({ n: 0 }) });
export default class SlowPack implements ContentPack {
  manifest = { name: 'slowpoke', version: '1.0.0' };
  getComponents() { return [Slow]; }
  async onLoad(engine: GameEngine) {
    engine.world.ensureEntity('slow:one', (e) => e.add(Slow));
    await new Promise((resolve) => setTimeout(resolve, 700));
  }
}
`;

let host: StudioHost;
let api: StudioService;
let kit: HostUnderTest;

function nextDelta(match: (d: EntityDelta) => boolean, ms = 10_000): Promise<EntityDelta> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no matching entity delta within ${ms / 1000} s`)), ms);
    const off = host.events.subscribe((event: StudioEvent) => {
      if (event.type === 'entity' && match(event.delta)) {
        clearTimeout(timer);
        off();
        resolve(event.delta);
      }
    });
  });
}

const healthOf = async (id: string) => (await api.inspectEntity(id)).components.find((c) => c.name === 'Health')?.data as { current: number; max: number } | undefined;

beforeAll(async () => {
  ({ host, api } = kit = await startHostOnCopy({
    name: 'studio-world',
    prepare: async (packs) => {
      await mkdir(join(packs, 'slowpoke', 'src'), { recursive: true });
      await writeFile(join(packs, 'slowpoke', 'package.json'), JSON.stringify({ name: '@packs/slowpoke', version: '1.0.0', private: true, type: 'module', main: 'src/pack.ts' }));
      await writeFile(join(packs, 'slowpoke', 'src', 'pack.ts'), SLOW_PACK);
    },
  }));
}, 60_000);

afterAll(() => kit?.stop());

describe('the World panel through the studio host', () => {
  let rat: string;

  it('finds an NPC by name, and filters by a component query', async () => {
    const found = await api.listEntities({ search: 'giant rat' });
    expect(found.total).toBe(1);
    rat = found.items[0]!.id;
    expect(found.items[0]).toMatchObject({ name: 'a giant rat', key: 'combat:cellar-rat' });
    expect(found.items[0]!.components).toContain('Health');
    const withHealth = await api.listEntities({ query: 'Health not Player', limit: 1000 });
    expect(withHealth.items.map((i) => i.id)).toContain(rat);
    expect((await api.listEntities({ query: 'Room Health' })).total).toBe(0);
  });

  it('shows the entity with its owning pack, sets a field as an edit entry, and watches it live', async () => {
    const view = await api.watchEntity({ viewer: 'test-window', entity: rat });
    expect(view?.components.find((c) => c.name === 'Health')).toMatchObject({ pack: 'combat', version: expect.any(Number) });
    const live = nextDelta((d) => d.entity === rat && d.changed.some((c) => c.name === 'Health'));
    const outcome = await api.editEntity({ op: 'set', entity: rat, component: 'Health', path: ['current'], value: 7 });
    expect(outcome.entry).toMatchObject({ kind: 'edit', packName: 'combat', success: true, edit: { entity: rat } });
    expect(outcome.entry.cause).toMatch(/^Set Health\.current of a giant rat \([0-9a-f]{8}\) to 7 \(was 30\)$/);
    expect((await api.getReloadHistory())[0]?.id).toBe(outcome.entry.id);
    expect((await live).changed.find((c) => c.name === 'Health')?.data).toEqual({ current: 7, max: 30 });
  });

  it('keeps the value over an engine restart, and watches the entity in the new engine', async () => {
    await api.restartEngine();
    expect(await healthOf(rat)).toEqual({ current: 7, max: 30 });
    const live = nextDelta((d) => d.entity === rat);
    await api.editEntity({ op: 'set', entity: rat, component: 'Health', path: ['max'], value: 31 });
    expect((await live).changed.find((c) => c.name === 'Health')?.data).toEqual({ current: 7, max: 31 });
  });

  it('refuses a value the component cannot hold, with the reason, and changes nothing', async () => {
    const before = (await api.getReloadHistory()).length;
    const answer = await dispatch(api, 'editEntity', [{ op: 'set', entity: rat, component: 'Health', path: ['current'], value: 'seven' }]);
    expect(answer).toEqual({ ok: false, error: { code: 'invalid-argument', message: 'Health.current holds a number (its default is 100), not a string such as "seven"; nothing changed' } });
    expect(await healthOf(rat)).toEqual({ current: 7, max: 31 });
    expect((await api.getReloadHistory()).length).toBe(before);
  });

  it('undoes an edit from its timeline entry, once', async () => {
    const edit = (await api.getReloadHistory()).find((e) => e.kind === 'edit' && e.cause?.startsWith('Set Health.current'))!;
    const undo = await api.undoEdit(edit.id);
    expect(undo.entry.cause).toMatch(new RegExp(`^Undo of #${edit.id}: Set Health\\.current of a giant rat .* to 30 \\(was 7\\)$`));
    expect(undo.entry.edit).toEqual({ entity: rat, undoOf: edit.id });
    expect(await healthOf(rat)).toEqual({ current: 30, max: 31 });
    expect((await api.getReloadHistory()).find((e) => e.id === edit.id)?.edit?.undoneBy).toBe(undo.entry.id);
    await expect(api.undoEdit(edit.id)).rejects.toThrow(/was undone already/);
  });

  it('refuses an edit of an entity destroyed meanwhile', async () => {
    const destroyed = await api.editEntity({ op: 'destroy', entity: rat });
    expect(destroyed.view).toBeUndefined();
    const err = await api.editEntity({ op: 'set', entity: rat, component: 'Health', path: ['current'], value: 1 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StudioError);
    expect((err as StudioError).code).toBe('not-found');
    expect((err as StudioError).message).toMatch(/does not exist/);
    await api.undoEdit(destroyed.entry.id);
    expect(await healthOf(rat)).toEqual({ current: 30, max: 31 });
  });

  it('refuses an edit while a reload runs, naming the reload, and takes it once the reload is done', async () => {
    const [slow] = (await api.listEntities({ query: 'Slow' })).items;
    const reload = api.reloadPack('slowpoke');
    await expect.poll(async () => (await api.listPacks()).find((p) => p.pack.name === 'slowpoke')?.pack.reloading, { timeout: 5000, interval: 20 }).toBe(true);
    const edit: EntityEdit = { op: 'set', entity: slow!.id, component: 'Slow', path: ['n'], value: 5 };
    await expect(api.editEntity(edit)).rejects.toThrow("A reload of pack 'slowpoke' is running: the world is not edited during a reload; nothing changed, try again when it is done");
    expect((await api.inspectEntity(slow!.id)).components[0]?.data).toEqual({ n: 0 });
    expect((await reload).success).toBe(true);
    await expect.poll(async () => (await api.listPacks()).find((p) => p.pack.name === 'slowpoke')?.pack.reloading).toBe(false);
    await api.editEntity(edit);
    expect((await api.inspectEntity(slow!.id)).components[0]?.data).toEqual({ n: 5 });
  });

  it('goes to the definition of a component: its file, at defineComponent', async () => {
    expect(await api.findComponentSource({ pack: 'combat', component: 'Health' })).toEqual({ pack: 'combat', path: 'src/components/health.ts', line: 4, column: 23 });
    await expect(api.findComponentSource({ pack: 'combat', component: 'Nothing' })).rejects.toThrow(/No file of pack 'combat' calls defineComponent with the name 'Nothing'/);
  });
});
