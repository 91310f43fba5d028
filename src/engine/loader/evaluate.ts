import path from 'node:path';
import vm from 'node:vm';
import { pathToFileURL } from 'node:url';
import { MODULE_PARAMETERS, type CompiledUnit } from './transpile';

/** The `module` object a pack module sees. */
export interface PackModule {
  exports: unknown;
  readonly id: string;
  readonly filename: string;
  readonly path: string;
  loaded: boolean;
}

/** The `require` a pack module sees (esbuild turns its imports into calls of it). */
export interface PackRequire {
  (specifier: string): unknown;
  /** Absolute file (pack modules, packages) or the specifier itself (host modules, builtins). */
  resolve(specifier: string): string;
}

/** V8 refused the generated code; carries V8's SyntaxError. */
export class CompileFailure {
  constructor(readonly error: unknown) {}
}

export function createModule(file: string): PackModule {
  return { exports: {}, id: file, filename: file, path: path.dirname(file), loaded: false };
}

/**
 * Run a unit's code as a function in the host's own context (so `Error`,
 * `Map`, engine classes keep one identity). `vm.compileFunction` is the one
 * evaluation route whose old versions V8 lets go after a reload.
 */
export function evaluateUnit(unit: CompiledUnit, module: PackModule, require: PackRequire): void {
  if (unit.format === 'json') {
    module.exports = JSON.parse(unit.source);
    return;
  }
  let fn: (...args: unknown[]) => unknown;
  try {
    fn = vm.compileFunction(unit.code, [...MODULE_PARAMETERS], { filename: unit.file }) as (...args: unknown[]) => unknown;
  } catch (err) {
    throw new CompileFailure(err);
  }
  const dirname = path.dirname(unit.file);
  const importMeta = {
    url: pathToFileURL(unit.file).href,
    filename: unit.file,
    dirname,
    resolve: (specifier: string): string => {
      const resolved = require.resolve(specifier);
      return path.isAbsolute(resolved) ? pathToFileURL(resolved).href : resolved;
    },
  };
  fn.call(module.exports, module.exports, require, module, unit.file, dirname, importMeta);
}
