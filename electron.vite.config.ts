import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';

// One build for the studio: the Electron main process (src/main/electron),
// the preload (CommonJS: sandboxed preloads cannot be ES modules) and the
// renderer (src/renderer), which web mode serves unchanged. Output in out/.
export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      // The type-check worker is its own entry: the host starts it from the file next to index.js.
      rolldownOptions: { input: { index: resolve('src/main/electron/index.ts'), 'type-check-worker': resolve('src/main/types/type-check-worker.ts') } },
      // The TypeScript compiler emits the engine's declarations for the editor; it stays a package, not bundled.
      externalizeDeps: { include: ['typescript'] },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      rolldownOptions: {
        input: { index: resolve('src/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'src/renderer',
    base: './',
    // Monaco's own CSS files, which its package exports do not name.
    resolve: { alias: [{ find: /^monaco-esm\//, replacement: `${resolve('node_modules/monaco-editor/esm/vs')}/` }] },
    plugins: [react()],
    worker: { format: 'es' },
    build: {
      outDir: resolve('out/renderer'),
      emptyOutDir: true,
      minify: true,
      chunkSizeWarningLimit: 8000,
      reportCompressedSize: false,
      rolldownOptions: { input: { index: resolve('src/renderer/index.html') } },
    },
  },
});
