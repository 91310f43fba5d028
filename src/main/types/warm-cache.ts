// Emits the engine's declarations for the editor into the cache, so the
// studio's first IntelliSense request is instant (run by `npm run build`).
import { loadEngineDeclarations } from './engine-declarations';

const started = performance.now();
const libraries = await loadEngineDeclarations();
process.stderr.write(`MAID Studio: ${libraries.length} declaration files for @maid/engine ready in ${Math.round(performance.now() - started)} ms\n`);
