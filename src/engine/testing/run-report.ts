/**
 * What `maid pack test --json` prints, one JSON object a line: the test
 * kit's checks and each of the pack's own tests as they finish, then a
 * summary. The studio's Tests panel runs it in a process of its own and
 * reads these lines; `parsePackTestEvent` checks each one, since they come
 * from another process.
 */

/** Where a failure points: a file relative to the pack folder, 1-based line and column. */
export interface TestFailure {
  message: string;
  file?: string;
  line?: number;
  column?: number;
}

export type PackTestEvent =
  | { type: 'start'; pack: string; dir: string; files: number }
  | { type: 'check'; title: string; ok: boolean; skipped?: boolean; problems: string[] }
  | { type: 'test'; file: string; name: string; state: 'passed' | 'failed' | 'skipped'; durationMs: number; failure?: TestFailure }
  /** An error outside any test: a test file that does not compile, an unhandled rejection. */
  | { type: 'error'; failure: TestFailure }
  | { type: 'done'; ok: boolean; passed: number; failed: number; skipped: number };

const MAX_TEXT = 16 * 1024;

const text = (v: unknown, max = MAX_TEXT): v is string => typeof v === 'string' && v.length <= max;
const count = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;

function failureOf(v: unknown): TestFailure | undefined {
  if (typeof v !== 'object' || v === null) return undefined;
  const o = v as Record<string, unknown>;
  if (!text(o['message'])) return undefined;
  const f: TestFailure = { message: o['message'] };
  if (text(o['file'], 4096)) f.file = o['file'];
  if (count(o['line'])) f.line = o['line'];
  if (count(o['column'])) f.column = o['column'];
  return f;
}

/** One line of the report, checked; undefined for anything else (a stray line of output, a malformed event). */
export function parsePackTestEvent(line: string): PackTestEvent | undefined {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const o = value as Record<string, unknown>;
  switch (o['type']) {
    case 'start':
      return text(o['pack'], 200) && text(o['dir'], 4096) && count(o['files']) ? { type: 'start', pack: o['pack'], dir: o['dir'], files: o['files'] } : undefined;
    case 'check': {
      const problems = o['problems'];
      if (!text(o['title']) || typeof o['ok'] !== 'boolean' || !Array.isArray(problems) || !problems.every((p) => text(p))) return undefined;
      return { type: 'check', title: o['title'], ok: o['ok'], problems: problems as string[], ...(o['skipped'] === true ? { skipped: true } : {}) };
    }
    case 'test': {
      const state = o['state'];
      if (!text(o['file'], 4096) || !text(o['name']) || (state !== 'passed' && state !== 'failed' && state !== 'skipped') || typeof o['durationMs'] !== 'number') return undefined;
      const failure = failureOf(o['failure']);
      return { type: 'test', file: o['file'], name: o['name'], state, durationMs: o['durationMs'], ...(failure ? { failure } : {}) };
    }
    case 'error': {
      const failure = failureOf(o['failure']);
      return failure ? { type: 'error', failure } : undefined;
    }
    case 'done':
      return typeof o['ok'] === 'boolean' && count(o['passed']) && count(o['failed']) && count(o['skipped'])
        ? { type: 'done', ok: o['ok'], passed: o['passed'], failed: o['failed'], skipped: o['skipped'] }
        : undefined;
    default:
      return undefined;
  }
}
