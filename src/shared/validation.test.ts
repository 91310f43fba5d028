import { describe, expect, it } from 'vitest';
import { StudioError } from './errors';
import { normalizePackPath } from './pack-paths';
import { MAX_FILE_BYTES, validateArgs } from './validation';

function refusal(fn: () => unknown): StudioError {
  try {
    fn();
  } catch (err) {
    if (err instanceof StudioError) return err;
    throw err;
  }
  throw new Error('expected a refusal');
}

describe('pack paths', () => {
  it('normalises harmless paths', () => {
    expect(normalizePackPath('src/systems/combat.ts')).toBe('src/systems/combat.ts');
    expect(normalizePackPath('./src//pack.ts')).toBe('src/pack.ts');
  });

  it.each([
    ['', /empty/],
    ['../../etc/x', /leads out of the pack folder/],
    ['src/../../x', /leads out/],
    ['/etc/passwd', /absolute/],
    ['C:/Windows/x', /absolute/],
    ['src\\pack.ts', /use \/ to separate/],
    ['src/a\u0000b.ts', /control character/],
    ['.', /names the pack folder itself/],
    ['x'.repeat(600), /longer than/],
  ])('refuses %j, saying why', (path, why) => {
    const err = refusal(() => normalizePackPath(path));
    expect(err.code).toBe('forbidden');
    expect(err.message).toMatch(why);
  });
});

describe('studio call arguments', () => {
  it('accepts and normalises good calls', () => {
    expect(validateArgs('listPacks', [])).toEqual([]);
    expect(validateArgs('readFile', [{ pack: 'combat', path: './src/pack.ts' }])).toEqual([{ pack: 'combat', path: 'src/pack.ts' }]);
    expect(validateArgs('saveFile', [{ pack: 'combat', path: 'src/pack.ts', content: 'x', baseVersion: 'abc123' }])).toEqual([
      { pack: 'combat', path: 'src/pack.ts', content: 'x', baseVersion: 'abc123' },
    ]);
    expect(validateArgs('renameFile', [{ pack: 'combat', from: 'a.ts', to: 'src/b.ts' }])).toEqual([{ pack: 'combat', from: 'a.ts', to: 'src/b.ts' }]);
  });

  it.each([
    ['listPacks', ['extra'], /takes 0 arguments, got 1/],
    ['readFile', [], /takes 1 argument, got 0/],
    ['readFile', ['combat/src/pack.ts'], /takes an object with pack, path/],
    ['readFile', [{ pack: 'combat', path: 'src/pack.ts', mode: 'w' }], /unknown field "mode"/],
    ['readFile', [{ pack: 'Combat!', path: 'src/pack.ts' }], /"pack" must be a pack name/],
    ['readFile', [{ pack: 'combat', path: 42 }], /"path" must be a path inside the pack folder/],
    ['saveFile', [{ pack: 'combat', path: 'src/pack.ts', content: 7 }], /"content" must be a string/],
    ['saveFile', [{ pack: 'combat', path: 'src/pack.ts', content: '', baseVersion: '../x' }], /"baseVersion" must be the version a read returned/],
    ['reloadPack', [null], /"pack" must be a pack name/],
  ] as const)('refuses %s(%j) with a clear message', (method, args, why) => {
    const err = refusal(() => validateArgs(method, args));
    expect(err.code).toBe('invalid-argument');
    expect(err.message).toMatch(why);
  });

  it('refuses a path that escapes, before anything touches the disk', () => {
    expect(refusal(() => validateArgs('saveFile', [{ pack: 'combat', path: '../../etc/x', content: '' }])).code).toBe('forbidden');
  });

  it('refuses content larger than the limit', () => {
    const big = 'é'.repeat(MAX_FILE_BYTES / 2 + 1);
    expect(refusal(() => validateArgs('saveFile', [{ pack: 'combat', path: 'a.ts', content: big }])).code).toBe('too-large');
  });

  it("checks the World panel's calls: list, inspect, edit, undo, watch, go to definition", () => {
    expect(validateArgs('listEntities', [{ search: 'wren', query: 'Health not Player', offset: 0, limit: 200 }])).toEqual([{ search: 'wren', query: 'Health not Player', offset: 0, limit: 200 }]);
    expect(validateArgs('editEntity', [{ op: 'set', entity: 'e-1', component: 'Health', path: ['current'], value: 7 }])).toEqual([{ op: 'set', entity: 'e-1', component: 'Health', path: ['current'], value: 7 }]);
    expect(validateArgs('editEntity', [{ op: 'set', entity: 'e-1', component: 'Room', path: ['exits', 'north'], value: { deep: [1, 'two', null] } }])[0]).toMatchObject({ path: ['exits', 'north'] });
    expect(validateArgs('editEntity', [{ op: 'destroy', entity: 'e-1' }])).toEqual([{ op: 'destroy', entity: 'e-1' }]);
    expect(validateArgs('undoEdit', [12])).toEqual([12]);
    expect(validateArgs('watchEntity', [{ viewer: 'w-1', entity: null }])).toEqual([{ viewer: 'w-1', entity: null }]);
    expect(validateArgs('findComponentSource', [{ pack: 'combat', component: 'Health' }])).toEqual([{ pack: 'combat', component: 'Health' }]);
  });

  it.each([
    ['listEntities', [{ limit: 5000 }], /"limit" must be a whole number from 0 to 1000/],
    ['listEntities', [{ search: 7 }], /"search" must be a string/],
    ['listEntities', [{ where: 'x' }], /unknown field "where"/],
    ['inspectEntity', ['has space'], /"entity" must be an entity id/],
    ['editEntity', [{ op: 'set', entity: 'e', component: 'Health', path: ['current'] }], /a set needs a "value"/],
    ['editEntity', [{ op: 'set', entity: 'e', component: 'Health', path: [], value: 1 }], /"path" must be a list of field names/],
    ['editEntity', [{ op: 'set', entity: 'e', component: 'Health', path: [-1], value: 1 }], /"path" must be a list/],
    ['editEntity', [{ op: 'set', entity: 'e', component: 'Health!', path: ['x'], value: 1 }], /"component" must be a component name/],
    ['editEntity', [{ op: 'add', entity: 'e', component: 'Health', data: {} }], /unknown field "data"/],
    ['editEntity', [{ op: 'restore', entity: 'e' }], /"op" must be one of set, add, remove, destroy/],
    ['editEntity', [{ op: 'set', entity: 'e', component: 'Health', path: ['current'], value: new Date() }], /must be a JSON value/],
    ['editEntity', [{ op: 'set', entity: 'e', component: 'Health', path: ['current'], value: Number.POSITIVE_INFINITY }], /Infinity is not a JSON number/],
    ['undoEdit', ['3'], /the id of an edit entry/],
    ['watchEntity', [{ viewer: '../x', entity: 'e' }], /"viewer" must be the window's id/],
    ['findComponentSource', [{ pack: 'combat', component: '' }], /"component" must be a component name/],
  ] as const)('refuses %s(%j) with a clear message', (method, args, why) => {
    const err = refusal(() => validateArgs(method, args));
    expect(err.code).toBe('invalid-argument');
    expect(err.message).toMatch(why);
  });

  it('refuses a value too deep to be component data', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 40; i++) deep = [deep];
    expect(refusal(() => validateArgs('editEntity', [{ op: 'set', entity: 'e', component: 'Health', path: ['current'], value: deep }])).message).toMatch(/too big/);
  });

  it('refuses arguments that are not a list', () => {
    expect(refusal(() => validateArgs('getInfo', { 0: 1 })).code).toBe('invalid-argument');
  });

  it('checks the engine and test calls: a pack name, a true or false', () => {
    expect(validateArgs('restartEngine', [])).toEqual([]);
    expect(validateArgs('runPackTests', ['combat'])).toEqual(['combat']);
    expect(validateArgs('setTestsAfterReload', ['combat', true])).toEqual(['combat', true]);
    expect(refusal(() => validateArgs('setTestsAfterReload', ['combat', 'yes'])).message).toBe('setTestsAfterReload: "on" must be true or false');
    expect(refusal(() => validateArgs('runPackTests', ['../etc'])).code).toBe('invalid-argument');
    expect(refusal(() => validateArgs('restartEngine', ['now'])).message).toBe('restartEngine takes 0 arguments, got 1');
  });
});
