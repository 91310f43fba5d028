import { STUDIO_METHODS, type StudioApi, type StudioMethod } from '../../shared/api';
import { StudioError } from '../../shared/errors';

/**
 * The studio API before the host is up: every call waits for it, so the page
 * can load while the engine boots. If the host fails to start, every call
 * answers `unavailable` with the reason.
 */
export function deferredApi(ready: Promise<StudioApi>): StudioApi {
  const settled = ready.catch((err: unknown) => {
    throw new StudioError('unavailable', `The studio host failed to start: ${err instanceof Error ? err.message : String(err)}`);
  });
  settled.catch(() => {}); // reported by whoever awaits `ready`; calls see it too
  const api = {} as Record<StudioMethod, (...args: unknown[]) => Promise<unknown>>;
  for (const method of STUDIO_METHODS) {
    api[method] = async (...args: unknown[]) => {
      const target = (await settled) as unknown as Record<StudioMethod, (...a: unknown[]) => Promise<unknown>>;
      return target[method](...args);
    };
  }
  return api as unknown as StudioApi;
}
