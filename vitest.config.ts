import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const engineEntry = fileURLToPath(new URL('./src/engine/index.ts', import.meta.url));
const testingEntry = fileURLToPath(new URL('./src/engine/testing/index.ts', import.meta.url));
const hostEntry = fileURLToPath(new URL('./src/engine/host.ts', import.meta.url));

export default defineConfig({
  resolve: {
    // `@maid/engine` is the pack API, as the runtime pack loader gives it to
    // packs; `@maid/engine/host` the host API (never given to packs).
    alias: [
      { find: /^@maid\/engine\/testing$/, replacement: testingEntry },
      { find: /^@maid\/engine\/host$/, replacement: hostEntry },
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
