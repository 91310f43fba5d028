// The inspector on a real engine: pages and filters, one entity's view,
// edits checked against the component and undone by their inverse, the
// refusals that change nothing, and the watch's per-tick deltas.
import { afterEach, describe, expect, it } from 'vitest';
import { defineComponent } from '../ecs/component';
import { componentDataProblems, valueProblem } from '../ecs/component-fields';
import type { ContentPack } from '../packs/contract';
import { createTestEngine, type TestEngine } from '../testing';
import { InspectError, WorldInspector, type InspectEdit } from './index';

const Health = defineComponent({ name: 'Health', version: 2, defaults: () => ({ current: 100, max: 100 }) });
const Named = defineComponent({ name: 'Named', defaults: () => ({ name: '', tags: [] as string[] }) });
const Place = defineComponent({ name: 'Place', defaults: () => ({ room: undefined as string | undefined }), immutable: true });

function vitals(extra: Partial<ContentPack> = {}): ContentPack {
  return { manifest: { name: 'vitals', version: '1.0.0' }, getComponents: () => [Health, Named, Place], ...extra };
}

let t: TestEngine | undefined;
afterEach(async () => {
  await t?.stop();
  t = undefined;
});

async function world(pack = vitals()) {
  t = await createTestEngine({ packs: [pack] });
  const w = t.engine.world;
  const wren = w.createEntity().add(Named, { name: 'Wren' }).add(Health).add(Place, { room: 'square' });
  const rat = w.createEntity().add(Named, { name: 'giant rat' }).add(Health, { current: 8, max: 8 });
  const stone = w.createEntity({ key: 'thing:stone' }).add(Named, { name: 'a stone' });
  return { engine: t.engine, w, inspector: new WorldInspector(t.engine), wren, rat, stone };
}

async function refusal(p: Promise<unknown>): Promise<InspectError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(err instanceof InspectError)) throw new Error(`expected a refusal, got ${String(err)}`);
  return err;
}

describe('the rule a field follows (type of its default)', () => {
  it('takes a value of the default\'s JSON kind, anything where the default is undefined, and says why not', () => {
    expect(valueProblem('Health.current', 100, 7)).toBeUndefined();
    expect(valueProblem('Place.room', undefined, 'hall')).toBeUndefined();
    expect(valueProblem('Health.current', 100, 'seven')).toBe('Health.current holds a number (its default is 100), not a string such as "seven"');
    expect(valueProblem('Named.tags', [], {})).toMatch(/holds a list/);
    expect(valueProblem('Health.current', 100, Number.NaN)).toMatch(/NaN is not a JSON number/);
    expect(componentDataProblems(Health, { current: 5, hp: 3, max: 'x' })).toEqual([
      'Health has no field "hp"; its fields: current, max',
      'Health.max holds a number (its default is 100), not a string such as "x"',
    ]);
  });
});

describe('listing entities', () => {
  it('finds by name, key or id, filters by components, and pages with a total', async () => {
    const { inspector, wren, stone } = await world();
    expect(inspector.list({ search: 'wren' }).items.map((i) => i.id)).toEqual([wren.id]);
    expect(inspector.list({ search: 'stone' }).items[0]).toMatchObject({ id: stone.id, key: 'thing:stone', name: 'a stone', components: ['Named'] });
    expect(inspector.list({ search: wren.id.slice(0, 12) }).items.map((i) => i.name)).toEqual(['Wren']);
    expect(inspector.list({ query: 'Health' }).total).toBe(2);
    expect(inspector.list({ query: 'Health not Place' }).items.map((i) => i.name)).toEqual(['giant rat']);
    expect(inspector.list({ query: 'Named !Health' }).items.map((i) => i.name)).toEqual(['a stone']);
    expect(inspector.list({ query: 'NeverHeld' }).total).toBe(0);
    const page = inspector.list({ query: 'Named', offset: 1, limit: 1 });
    expect(page).toMatchObject({ total: 3, offset: 1 });
    expect(page.items.map((i) => i.name)).toEqual(['giant rat']);
  });

  it('refuses a query it cannot read, saying how to write one', async () => {
    const { inspector } = await world();
    expect(() => inspector.list({ query: 'Health not' })).toThrow(/ends with "not"/);
    expect(() => inspector.list({ query: 'Health $x' })).toThrow(/"\$x" is not a component name/);
  });
});

describe('one entity', () => {
  it('shows each component with its version, owning pack and data, and what can be added', async () => {
    const { inspector, wren } = await world();
    const view = inspector.view(wren.id);
    expect(view.name).toBe('Wren');
    expect(view.components.find((c) => c.name === 'Health')).toEqual({ name: 'Health', version: 2, pack: 'vitals', data: { current: 100, max: 100 } });
    expect(view.components.find((c) => c.name === 'Place')?.data).toEqual({ room: 'square' });
    expect(view.addable).toEqual([]);
    await expect(refusal(Promise.resolve().then(() => inspector.view('nobody')))).resolves.toMatchObject({ kind: 'not-found' });
  });
});

describe('edits', () => {
  it('set a field, and its inverse puts the old value back', async () => {
    const { inspector, wren, w } = await world();
    const done = await inspector.edit({ op: 'set', entity: wren.id, component: 'Health', path: ['current'], value: 7 });
    expect(wren.get(Health)?.current).toBe(7);
    expect(done.summary).toMatch(/^Set Health\.current of Wren \([0-9a-f]{8}\) to 7 \(was 100\)$/);
    expect(done.pack).toBe('vitals');
    expect(done.view?.components.find((c) => c.name === 'Health')?.data).toEqual({ current: 7, max: 100 });
    expect(w.takeChanges().changed).toContain(wren); // persisted like any change
    await inspector.edit(done.inverse);
    expect(wren.get(Health)?.current).toBe(100);
  });

  it('replace an immutable component\'s data instead of changing it in place', async () => {
    const { inspector, wren, w } = await world();
    const before = wren.get(Place);
    await inspector.edit({ op: 'set', entity: wren.id, component: 'Place', path: ['room'], value: 'hall' });
    expect(wren.get(Place)).toEqual({ room: 'hall' });
    expect(before).toEqual({ room: 'square' });
    expect(w.index(Place, 'room').get('hall')).toContain(wren);
  });

  it('add and remove a component, destroy an entity, each undone exactly', async () => {
    const { inspector, stone, w } = await world();
    const added = await inspector.edit({ op: 'add', entity: stone.id, component: 'Health' });
    expect(stone.get(Health)).toEqual({ current: 100, max: 100 });
    await inspector.edit({ op: 'set', entity: stone.id, component: 'Health', path: ['max'], value: 5 });
    const removed = await inspector.edit({ op: 'remove', entity: stone.id, component: 'Health' });
    expect(stone.has(Health)).toBe(false);
    await inspector.edit(removed.inverse);
    expect(stone.get(Health)).toEqual({ current: 100, max: 5 });
    await inspector.edit(added.inverse);
    expect(stone.has(Health)).toBe(false);

    const gone = await inspector.edit({ op: 'destroy', entity: stone.id });
    expect(w.getEntity(stone.id)).toBeUndefined();
    expect(gone.view).toBeUndefined();
    const back = await inspector.edit(gone.inverse);
    const again = w.findByKey('thing:stone');
    expect(again?.id).toBe(stone.id);
    expect(again?.get(Named)).toEqual({ name: 'a stone', tags: [] });
    expect(back.inverse).toEqual({ op: 'destroy', entity: stone.id });
  });

  it.each([
    [{ op: 'set', component: 'Health', path: ['current'], value: 'seven' }, /Health\.current holds a number \(its default is 100\), not a string such as "seven"; nothing changed/],
    [{ op: 'set', component: 'Health', path: ['hp'], value: 1 }, /Health has no field "hp"; its fields: current, max/],
    [{ op: 'set', component: 'Named', path: ['tags', 3], value: 'x' }, /Named\.tags\.3: Named of Wren .* has no such field/],
    [{ op: 'add', component: 'Health' }, /already has Health/],
    [{ op: 'set', component: 'Nope', path: ['x'], value: 1 }, /No loaded pack defines the component Nope/],
  ] as const)('refuse %j with the reason, nothing changed', async (partial, why) => {
    const { inspector, wren, w } = await world();
    w.takeChanges();
    const before = JSON.stringify(w.snapshotEntity(wren));
    const err = await refusal(inspector.edit({ ...partial, entity: wren.id } as InspectEdit));
    expect(err.kind).toBe('refused');
    expect(err.message).toMatch(why);
    expect(JSON.stringify(w.snapshotEntity(wren))).toBe(before);
    expect(w.takeChanges().changed).toEqual([]);
  });

  it('copy the lists on the way to a deeper value, which may be shared', async () => {
    const { inspector, w } = await world();
    const shared = ['rat', 'giant'];
    const a = w.createEntity().add(Named, { name: 'rat a', tags: shared });
    const b = w.createEntity().add(Named, { name: 'rat b', tags: shared });
    const data = a.get(Named);
    await inspector.edit({ op: 'set', entity: a.id, component: 'Named', path: ['tags', 1], value: 'huge' });
    expect(a.get(Named)).toEqual({ name: 'rat a', tags: ['rat', 'huge'] });
    expect(a.get(Named)).toBe(data); // the component's data object is the same one, changed
    expect(b.get(Named)?.tags).toEqual(['rat', 'giant']);
    expect(shared).toEqual(['rat', 'giant']);
  });

  it('refuse to destroy the character of a connected player', async () => {
    const { inspector, wren, w, engine } = await world();
    engine.world.isOnline = (id) => id === wren.id;
    const err = await refusal(inspector.edit({ op: 'destroy', entity: wren.id }));
    expect(err.message).toMatch(/is played by a connected player.*nothing changed/);
    expect(w.getEntity(wren.id)).toBe(wren);
  });

  it('refuse an edit of an entity destroyed meanwhile', async () => {
    const { inspector, rat, w } = await world();
    w.destroyEntity(rat);
    const err = await refusal(inspector.edit({ op: 'set', entity: rat.id, component: 'Health', path: ['current'], value: 1 }));
    expect(err).toMatchObject({ kind: 'not-found' });
    expect(err.message).toMatch(/does not exist .*nothing changed/);
    expect(w.getEntity(rat.id)).toBeUndefined();
  });

  it('refuse an edit of a component whose pack was unloaded; its data stays', async () => {
    const { inspector, engine, wren } = await world();
    await engine.unloadPack('vitals');
    const err = await refusal(inspector.edit({ op: 'set', entity: wren.id, component: 'Health', path: ['current'], value: 1 }));
    expect(err.message).toMatch(/No loaded pack defines the component Health now \(its pack was unloaded or failed to load\)/);
    expect(wren.getByName('Health')).toEqual({ current: 100, max: 100 });
    const shown = inspector.view(wren.id).components.find((c) => c.name === 'Health');
    expect(shown).toMatchObject({ name: 'Health', data: { current: 100, max: 100 } });
    expect(shown?.pack).toBeUndefined();
  });

  it('refuse an edit while a reload runs, naming the reload; it works once the reload is done', async () => {
    let release = () => {};
    const held = new Promise<void>((r) => (release = r));
    const { inspector, engine, wren } = await world();
    const reload = engine.hotReload.reloadPack('vitals', vitals({ onLoad: () => held }));
    await expect.poll(() => engine.hotReload.isReloading('vitals')).toBe(true);
    const err = await refusal(inspector.edit({ op: 'set', entity: wren.id, component: 'Health', path: ['current'], value: 1 }));
    expect(err.message).toBe("A reload of pack 'vitals' is running: the world is not edited during a reload; nothing changed, try again when it is done");
    expect(wren.get(Health)?.current).toBe(100);
    release();
    expect((await reload).success).toBe(true);
    await expect.poll(() => engine.hotReload.isReloading('vitals')).toBe(false);
    await inspector.edit({ op: 'set', entity: wren.id, component: 'Health', path: ['current'], value: 1 });
    expect(wren.get(Health)?.current).toBe(1);
  });
});

describe('watching an entity', () => {
  it('gives only what changed, once a tick, nothing when nothing did, and says when it is destroyed', async () => {
    const { inspector, wren, w } = await world();
    const watch = inspector.watch;
    watch.watch([wren.id]);
    expect(watch.deltas(1)).toEqual([]);
    wren.write(Health).current = 50;
    expect(watch.deltas(2)).toEqual([{ entity: wren.id, tick: 2, changed: [{ name: 'Health', version: 2, pack: 'vitals', data: { current: 50, max: 100 } }], removed: [] }]);
    expect(watch.deltas(3)).toEqual([]);
    wren.remove(Place);
    expect(watch.deltas(4)).toEqual([{ entity: wren.id, tick: 4, changed: [], removed: ['Place'] }]);
    w.destroyEntity(wren);
    const [destroyed] = watch.deltas(5);
    expect({ ...destroyed, removed: destroyed?.removed.sort() }).toEqual({ entity: wren.id, tick: 5, changed: [], removed: ['Health', 'Named'], destroyed: true });
    expect(watch.deltas(6)).toEqual([]);
    watch.watch([]);
    expect(watch.size).toBe(0);
  });
});
