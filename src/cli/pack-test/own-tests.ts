import { readdirSync } from 'node:fs';
import { relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PackTestEvent, TestFailure } from '../../engine/testing/run-report';

/** Where a pack keeps its own tests (as `maid pack new` lays it out), relative to the pack folder. */
export const TEST_PATTERNS = ['tests/**/*.test.ts', 'src/**/*.test.ts'];

const ENGINE_ENTRY = fileURLToPath(new URL('../../engine/index.ts', import.meta.url));
const TESTING_ENTRY = fileURLToPath(new URL('../../engine/testing/index.ts', import.meta.url));
/** Vite and vitest keep caches under the root by default: keep them in the engine's node_modules, not in the pack folder. */
const CACHE_DIR = fileURLToPath(new URL('../../../node_modules/.vite/maid-pack-test', import.meta.url));

export interface OwnTestsOutcome {
  files: number;
  passed: number;
  failed: number;
  skipped: number;
  /** Errors outside any test (a file that does not compile, an unhandled rejection). */
  errors: number;
}

/** Test files of the pack, relative to its folder. */
export function findTestFiles(packDir: string): string[] {
  let entries: string[];
  try {
    entries = readdirSync(packDir, { recursive: true, encoding: 'utf8' });
  } catch {
    return [];
  }
  return entries
    .map((e) => e.split('\\').join('/'))
    .filter((e) => /^(tests|src)\//.test(e) && e.endsWith('.test.ts') && !e.split('/').includes('node_modules'))
    .sort();
}

/** What vitest reports of an error: a message and the stack it parsed. */
interface ReportedError {
  message?: string;
  stacks?: ReadonlyArray<{ file: string; line: number; column: number }>;
}

/** A test's failure, pointed at the innermost stack frame in the pack's own files (else where the test is). */
function failureIn(packDir: string, error: ReportedError | undefined, fallback?: { file: string; line: number; column: number }): TestFailure {
  const frame = error?.stacks?.find((f) => !relative(packDir, f.file).startsWith('..') && !f.file.includes(`${sep}node_modules${sep}`)) ?? fallback;
  const failure: TestFailure = { message: (error?.message ?? 'failed').slice(0, 4000) };
  if (frame) Object.assign(failure, { file: relative(packDir, frame.file).split(sep).join('/'), line: frame.line, column: frame.column });
  return failure;
}

/** A vitest reporter that hands each finished test on as a report event (for `maid pack test --json`). */
function eventReporter(packDir: string, onEvent: (event: PackTestEvent) => void) {
  return {
    onTestCaseResult(test: {
      name: string;
      fullName: string;
      module: { moduleId: string };
      location?: { line: number; column: number } | undefined;
      result(): { state: string; errors?: ReadonlyArray<ReportedError> };
      diagnostic(): { duration: number } | undefined;
    }) {
      const result = test.result();
      const state = result.state === 'passed' ? 'passed' : result.state === 'failed' ? 'failed' : 'skipped';
      const file = relative(packDir, test.module.moduleId).split(sep).join('/');
      const where = test.location ? { file: test.module.moduleId, ...test.location } : undefined;
      onEvent({
        type: 'test',
        file,
        name: test.fullName,
        state,
        durationMs: Math.round((test.diagnostic()?.duration ?? 0) * 10) / 10,
        ...(state === 'failed' ? { failure: failureIn(packDir, result.errors?.[0], where) } : {}),
      });
    },
  };
}

/**
 * Runs the pack's own tests with vitest, in this process, with the pack
 * folder as root and the same aliases as the repository's config:
 * `@maid/engine`, `@maid/engine/testing`, and `@packs/<name>` from the
 * packs folder. Works for a pack folder anywhere. Vitest prints its report,
 * unless `onEvent` takes each test's result instead.
 */
export async function runOwnTests(packDir: string, packsDir: string, onEvent?: (event: PackTestEvent) => void): Promise<OwnTestsOutcome> {
  const { startVitest } = await import('vitest/node');
  const vitest = await startVitest(
    'test',
    [],
    {
      root: packDir,
      config: false,
      watch: false,
      include: TEST_PATTERNS,
      exclude: ['**/node_modules/**'],
      testTimeout: 20_000,
      hookTimeout: 20_000,
      fsModuleCachePath: `${CACHE_DIR}/modules`,
      ...(onEvent ? { reporters: [eventReporter(packDir, onEvent)], includeTaskLocation: true } : {}),
    },
    {
      cacheDir: CACHE_DIR,
      resolve: {
        alias: [
          { find: /^@maid\/engine\/testing$/, replacement: TESTING_ENTRY },
          { find: /^@maid\/engine$/, replacement: ENGINE_ENTRY },
          { find: /^@packs\/([a-z0-9._-]+)$/, replacement: `${packsDir}/$1/src/pack.ts` },
        ],
      },
    },
  );
  try {
    const unhandled = vitest.state.getUnhandledErrors() as ReportedError[];
    const outcome: OwnTestsOutcome = { files: 0, passed: 0, failed: 0, skipped: 0, errors: unhandled.length };
    for (const error of unhandled) onEvent?.({ type: 'error', failure: failureIn(packDir, error) });
    for (const module of vitest.state.getTestModules()) {
      outcome.files++;
      if (module.errors().length > 0) outcome.errors += module.errors().length;
      for (const error of module.errors() as ReadonlyArray<ReportedError>) onEvent?.({ type: 'error', failure: failureIn(packDir, error, { file: module.moduleId, line: 1, column: 1 }) });
      for (const test of module.children.allTests()) {
        const state = test.result().state;
        if (state === 'passed') outcome.passed++;
        else if (state === 'failed') outcome.failed++;
        else outcome.skipped++;
      }
    }
    return outcome;
  } finally {
    await vitest.close();
  }
}
