import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import type { TypeLibrary } from '../../shared/model';
import { findRepoRoot } from '../paths';

/** Where the editor's TypeScript service finds `@maid/engine`. */
export const ENGINE_TYPES_ROOT = 'file:///node_modules/@maid/engine';

function engineSources(engineDir: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== '__tests__' && entry.name !== 'node_modules') walk(full);
      } else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')) out.push(full);
    }
  };
  walk(engineDir);
  return out.sort();
}

/** Changes whenever an engine source file does: names, sizes and modification times. */
function sourcesKey(engineDir: string): string {
  const hash = createHash('sha1');
  for (const file of engineSources(engineDir)) {
    const info = statSync(file);
    hash.update(`${relative(engineDir, file)}\0${info.size}\0${info.mtimeMs}\n`);
  }
  return hash.digest('hex');
}

/** Emits the declarations of the engine's public API with the TypeScript compiler (a few seconds). */
async function emitDeclarations(engineDir: string): Promise<TypeLibrary[]> {
  const { default: ts } = await import('typescript');
  const outDir = '/maid-engine-types';
  const program = ts.createProgram([join(engineDir, 'index.ts'), join(engineDir, 'testing', 'index.ts')], {
    declaration: true,
    emitDeclarationOnly: true,
    skipLibCheck: true,
    strict: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    isolatedModules: true,
    types: ['node'],
    rootDir: engineDir,
    outDir,
  });
  const libraries: TypeLibrary[] = [];
  program.emit(undefined, (fileName, text) => {
    if (!fileName.endsWith('.d.ts')) return;
    const rel = fileName.startsWith(outDir) ? fileName.slice(outDir.length + 1) : fileName.split(sep).join('/');
    libraries.push({ path: `${ENGINE_TYPES_ROOT}/${rel}`, content: text });
  });
  libraries.push({ path: `${ENGINE_TYPES_ROOT}/package.json`, content: JSON.stringify({ name: '@maid/engine', types: 'index.d.ts' }) });
  return libraries.sort((a, b) => a.path.localeCompare(b.path));
}

interface CacheFile {
  key: string;
  libraries: TypeLibrary[];
}

function readCache(file: string, key: string): TypeLibrary[] | undefined {
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as CacheFile;
    return parsed.key === key && Array.isArray(parsed.libraries) ? parsed.libraries : undefined;
  } catch {
    return undefined;
  }
}

function writeCache(file: string, data: CacheFile): void {
  try {
    mkdirSync(dirname(file), { recursive: true });
    const temp = `${file}.${process.pid}.tmp`;
    writeFileSync(temp, JSON.stringify(data));
    renameSync(temp, file);
  } catch {
    // A read-only checkout still gets its declarations, just not cached.
  }
}

export interface EngineDeclarationsOptions {
  /** The repository root (default: found from this module). */
  root?: string;
  /** The cache file (default: node_modules/.cache/maid-studio/engine-types.json under the root). */
  cacheFile?: string;
}

/**
 * The declarations of `@maid/engine` for Monaco, from the cache when the
 * engine sources have not changed since it was written, else freshly emitted
 * (and cached). `npm run build` warms the cache, so the studio rarely pays
 * for the emit.
 */
export async function loadEngineDeclarations(options: EngineDeclarationsOptions = {}): Promise<TypeLibrary[]> {
  const root = options.root ?? findRepoRoot();
  if (!root) return [];
  const engineDir = join(root, 'src', 'engine');
  const cacheFile = options.cacheFile ?? join(root, 'node_modules', '.cache', 'maid-studio', 'engine-types.json');
  const key = sourcesKey(engineDir);
  const cached = readCache(cacheFile, key);
  if (cached) return cached;
  const libraries = await emitDeclarations(engineDir);
  writeCache(cacheFile, { key, libraries });
  return libraries;
}
