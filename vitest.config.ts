import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const engineEntry = fileURLToPath(new URL('./src/engine/index.ts', import.meta.url));
const testingEntry = fileURLToPath(new URL('./src/engine/testing/index.ts', import.meta.url));

export default defineConfig({
  resolve: {
    // The same specifier the runtime pack loader maps to the host engine.
    alias: [
      { find: /^@maid\/engine\/testing$/, replacement: testingEntry },
      { find: /^@maid\/engine$/, replacement: engineEntry },
      // A pack as dependants import it: `@packs/starter-world` is its src/pack.ts.
      { find: /^@packs\/([a-z0-9._-]+)$/, replacement: fileURLToPath(new URL('./packs/$1/src/pack.ts', import.meta.url)) },
    ],
  },
  test: {
    // The shipped packs' own tests only: a pack an author adds to packs/ is tested by `maid pack test`, not by `npm test`.
    include: ['src/**/*.test.ts', 'packs/{starter-world,combat}/tests/**/*.test.ts', 'test/**/*.test.ts', 'docs/examples/**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/fixtures/**'],
    testTimeout: 20_000,
    hookTimeout: 20_000,
    pool: 'forks',
  },
});
