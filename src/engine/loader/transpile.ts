import fs from 'node:fs';
import path from 'node:path';
import type { SourceMap } from 'node:module';
import { transformSync, type Loader, type Message, type TransformOptions } from 'esbuild';
import { ModuleLoadError, byteColumnToColumn } from './errors';

/**
 * One file turned into a CommonJS function body, ready for `vm.compileFunction`.
 * A unit is immutable apart from its lazily parsed source map, so generations
 * that did not change a file share its unit.
 */
export interface CompiledUnit {
  /** Absolute path of the original file. */
  readonly file: string;
  /** The original text, for error locations. */
  readonly source: string;
  /** 'json' units are parsed, not run. */
  readonly format: 'script' | 'json';
  /** The function body (empty for JSON). */
  readonly code: string;
  /** esbuild's source map, JSON text, kept in memory only. */
  readonly map: string | undefined;
  /** Parsed on first use by source-maps.ts. */
  parsedMap?: SourceMap;
}

/**
 * Parameters of every module function. `__filename`, `__dirname` and
 * `import.meta` reach them through esbuild's `define`, which only rewrites free
 * identifiers, so a module's own `const __dirname = ...` still compiles.
 */
export const MODULE_PARAMETERS = ['exports', 'require', 'module', '__maid_filename', '__maid_dirname', '__maid_import_meta'] as const;

const LOADERS: Readonly<Record<string, Loader>> = {
  '.ts': 'ts',
  '.mts': 'ts',
  '.cts': 'ts',
  '.tsx': 'tsx',
  '.js': 'js',
  '.mjs': 'js',
  '.cjs': 'js',
  '.jsx': 'jsx',
  '.json': 'json',
};

/** Extensions a pack module may have. */
export const MODULE_EXTENSIONS: readonly string[] = Object.keys(LOADERS);

export function isModuleFile(file: string): boolean {
  return Object.hasOwn(LOADERS, path.extname(file).toLowerCase());
}

const BASE_OPTIONS: TransformOptions = {
  format: 'cjs',
  target: 'node20',
  platform: 'node',
  sourcemap: 'external',
  sourcesContent: false,
  logLevel: 'silent',
  // `import()` becomes `Promise.resolve().then(() => require(...))`: the
  // loader's require, never Node's ESM loader.
  supported: { 'dynamic-import': false },
  define: {
    'import.meta': '__maid_import_meta',
    __filename: '__maid_filename',
    __dirname: '__maid_dirname',
  },
};

/** Read a module's text; a missing or blank file is a ModuleLoadError. */
export function readModuleSource(file: string, packDir: string): string {
  let source: string;
  try {
    source = fs.readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') {
      throw new ModuleLoadError({ kind: 'missing-file', packDir, file, detail: 'File does not exist', cause: err });
    }
    throw new ModuleLoadError({ kind: 'missing-file', packDir, file, detail: `Cannot read file (${code ?? String(err)})`, cause: err });
  }
  if (source.trim() === '') {
    const detail = source.length === 0 ? 'File is empty (0 bytes)' : 'File contains only whitespace';
    throw new ModuleLoadError({ kind: 'empty-file', packDir, file, detail });
  }
  return source;
}

/** Transpile one file (no type-check, no bundling). Syntax errors throw a ModuleLoadError at the original position. */
export function transpileModule(file: string, source: string, packDir: string): CompiledUnit {
  const ext = path.extname(file).toLowerCase();
  const loader = LOADERS[ext] ?? 'ts';
  if (loader === 'json') {
    try {
      JSON.parse(source);
    } catch (err) {
      throw jsonSyntaxError(file, source, packDir, err);
    }
    return { file, source, format: 'json', code: '', map: undefined };
  }
  try {
    const result = transformSync(source, {
      ...BASE_OPTIONS,
      loader,
      sourcefile: file,
      // Pack modules are ES modules, hence strict; `.cjs` keeps sloppy CommonJS semantics.
      ...(ext === '.cjs' ? {} : { banner: '"use strict";' }),
    });
    return { file, source, format: 'script', code: result.code, map: result.map || undefined };
  } catch (err) {
    throw esbuildSyntaxError(file, packDir, err);
  }
}

function esbuildSyntaxError(file: string, packDir: string, err: unknown): ModuleLoadError {
  const first: Message | undefined = (err as { errors?: Message[] }).errors?.[0];
  if (!first) {
    return new ModuleLoadError({ kind: 'syntax', packDir, file, detail: err instanceof Error ? err.message : String(err), cause: err });
  }
  const loc = first.location;
  return new ModuleLoadError({
    kind: 'syntax',
    packDir,
    file,
    line: loc?.line ?? 1,
    column: loc ? byteColumnToColumn(loc.lineText, loc.column) : 1,
    lineText: loc?.lineText,
    detail: first.text,
    cause: err,
  });
}

/** JSON.parse does not say where reliably across V8 versions; esbuild's JSON parser does. */
function jsonSyntaxError(file: string, source: string, packDir: string, parseError: unknown): ModuleLoadError {
  try {
    transformSync(source, { loader: 'json', sourcefile: file, logLevel: 'silent' });
  } catch (err) {
    return esbuildSyntaxError(file, packDir, err);
  }
  const detail = parseError instanceof Error ? parseError.message : String(parseError);
  return new ModuleLoadError({ kind: 'syntax', packDir, file, detail, cause: parseError });
}
