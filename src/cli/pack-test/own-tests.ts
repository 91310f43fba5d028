import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

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

/**
 * Runs the pack's own tests with vitest, in this process, with the pack
 * folder as root and the same aliases as the repository's config:
 * `@maid/engine`, `@maid/engine/testing`, and `@packs/<name>` from the
 * packs folder. Works for a pack folder anywhere. Vitest prints its report.
 */
export async function runOwnTests(packDir: string, packsDir: string): Promise<OwnTestsOutcome> {
  const { startVitest } = await import('vitest/node');
  const vitest = await startVitest(
    'test',
    [],
    { root: packDir, config: false, watch: false, include: TEST_PATTERNS, exclude: ['**/node_modules/**'], testTimeout: 20_000, hookTimeout: 20_000, fsModuleCachePath: `${CACHE_DIR}/modules` },
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
    const outcome: OwnTestsOutcome = { files: 0, passed: 0, failed: 0, skipped: 0, errors: vitest.state.getUnhandledErrors().length };
    for (const module of vitest.state.getTestModules()) {
      outcome.files++;
      if (module.errors().length > 0) outcome.errors += module.errors().length;
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
