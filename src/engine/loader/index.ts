// The engine's own loader for content-pack modules (design §3, hot reload):
// transpile with esbuild, evaluate with vm.compileFunction, reload in
// transactions whose old versions can be garbage-collected.
export { PackModuleLoader, type PackModuleLoaderOptions } from './pack-module-loader';
export type { PackGeneration, GenerationState } from './module-graph';
export { ModuleLoadError, type ModuleLoadErrorKind, type ModuleLoadErrorInit, type SourceLocation } from './errors';
export type { PackModule, PackRequire } from './evaluate';
export type { ImportRule } from './host-imports';
