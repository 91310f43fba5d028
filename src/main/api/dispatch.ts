import { isStudioMethod, type StudioApi, type StudioMethod } from '../../shared/api';
import { StudioError, type Envelope } from '../../shared/errors';
import { validateArgs } from '../../shared/validation';

/** Logs what went wrong inside the host (not the caller's fault). */
export type InternalErrorReporter = (method: string, err: unknown) => void;

/**
 * Runs one call from a transport: checks the method name and the arguments,
 * calls the service, and answers with an envelope. Never throws: a bad call
 * is an `invalid-argument`, an unexpected failure an `internal` error whose
 * details go to the log, not to the caller.
 */
export async function dispatch(api: StudioApi, method: unknown, args: unknown, reportInternal: InternalErrorReporter = () => {}): Promise<Envelope<unknown>> {
  try {
    if (!isStudioMethod(method)) throw new StudioError('invalid-argument', `Unknown studio method ${JSON.stringify(String(method).slice(0, 60))}`);
    const checked = validateArgs(method, args);
    const fn = api[method] as (...a: unknown[]) => Promise<unknown>;
    const value = await fn.apply(api, checked as unknown[]);
    return { ok: true, value: value === undefined ? null : value };
  } catch (err) {
    if (err instanceof StudioError) return { ok: false, error: { code: err.code, message: err.message } };
    reportInternal(String(method), err);
    return { ok: false, error: { code: 'internal', message: `The studio host failed while running ${String(method)}; the details are in the log` } };
  }
}

export type { StudioMethod };
