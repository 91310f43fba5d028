import { describe, expect, it } from 'vitest';
import { STUDIO_METHODS, type StudioApi } from '../../shared/api';
import { StudioError } from '../../shared/errors';
import { dispatch } from './dispatch';
import { deferredApi } from './deferred-api';

/** An API whose every method answers with its name and arguments, except where told. */
function fakeApi(overrides: Partial<Record<string, (...args: unknown[]) => Promise<unknown>>> = {}): StudioApi {
  const api: Record<string, (...args: unknown[]) => Promise<unknown>> = {};
  for (const m of STUDIO_METHODS) api[m] = overrides[m] ?? (async (...args: unknown[]) => ({ method: m, args }));
  return api as unknown as StudioApi;
}

describe('dispatch', () => {
  it('runs a valid call with normalised arguments', async () => {
    expect(await dispatch(fakeApi(), 'readFile', [{ pack: 'combat', path: './src/pack.ts' }])).toEqual({
      ok: true,
      value: { method: 'readFile', args: [{ pack: 'combat', path: 'src/pack.ts' }] },
    });
  });

  it('refuses unknown methods and bad arguments without calling the API', async () => {
    let called = false;
    const api = fakeApi({ saveFile: async () => (called = true) });
    expect(await dispatch(api, 'constructor', [])).toMatchObject({ ok: false, error: { code: 'invalid-argument', message: expect.stringMatching(/Unknown studio method/) } });
    expect(await dispatch(api, 'saveFile', [{ pack: 'combat', path: '../x', content: '' }])).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await dispatch(api, 'saveFile', 'not a list')).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
    expect(called).toBe(false);
  });

  it('passes StudioErrors on and hides unexpected ones behind a generic message, reporting them', async () => {
    const reported: unknown[] = [];
    const api = fakeApi({
      readFile: async () => {
        throw new StudioError('not-found', 'no such file');
      },
      listPacks: async () => {
        throw new Error('secret internal detail /home/x');
      },
    });
    expect(await dispatch(api, 'readFile', [{ pack: 'combat', path: 'a.ts' }])).toEqual({ ok: false, error: { code: 'not-found', message: 'no such file' } });
    const internal = await dispatch(api, 'listPacks', [], (_m, err) => reported.push(err));
    expect(internal).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(JSON.stringify(internal)).not.toContain('secret');
    expect(reported).toHaveLength(1);
  });

  it('a deferred API waits for the host, and says why when it never comes', async () => {
    let resolve: (api: StudioApi) => void = () => {};
    const later = deferredApi(new Promise<StudioApi>((r) => (resolve = r)));
    const pending = later.getInfo();
    resolve(fakeApi());
    expect(await pending).toEqual({ method: 'getInfo', args: [] });
    const broken = deferredApi(Promise.reject(new Error('packs folder missing')));
    await expect(broken.listPacks()).rejects.toMatchObject({ code: 'unavailable', message: expect.stringMatching(/packs folder missing/) });
  });
});
