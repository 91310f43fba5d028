// Which names a pack module takes from the host's modules, read from its
// compiled code before it runs, so that a refused import (a host-only name
// from `@maid/engine`) fails the load at the line of the import instead of
// as `undefined` later, wherever the name is first used.

/**
 * Why pack code may not import `specifier` (without `name`), or `name` from
 * it; undefined when it may. The host decides: e.g. `@maid/engine` gives
 * packs the pack API only.
 */
export type ImportRule = (specifier: string, name?: string) => string | undefined;

export interface NamedImport {
  readonly specifier: string;
  readonly name: string;
  /** Offset in the compiled code of the first use. */
  readonly index: number;
}

/**
 * esbuild's CommonJS output binds each module imported by name to a
 * generated `import_<base>` variable (`import_engine2` when the name is
 * taken) and reads every imported name as a member of it when used:
 * `import { World } from '@maid/engine'` becomes
 * `var import_engine = require("@maid/engine")` and `new import_engine.World()`.
 * A default import goes through `__toESM(...)` and reads `.default`. Imports
 * the code never uses as values are gone already (type-only ones included).
 * A namespace import (`import * as m`) keeps the author's name and is not
 * read here; the host's module object answers those uses itself.
 */
const GENERATED_BINDING = /\b(?:var|let|const)\s+(import_[\w$]*)\s*=\s*(__toESM\()?require\("((?:[^"\\]|\\.)*)"\)/g;

export function namedImportsOf(code: string, isHostModule: (specifier: string) => boolean): NamedImport[] {
  const found: NamedImport[] = [];
  const seen = new Set<string>();
  for (const binding of code.matchAll(GENERATED_BINDING)) {
    const [, variable, viaToEsm, specifier] = binding as unknown as [string, string, string | undefined, string];
    if (!isHostModule(specifier)) continue;
    const member = new RegExp(`(?<![\\w$.])${variable.replace(/\$/g, '\\$')}\\.([A-Za-z_$][\\w$]*)`, 'g');
    for (const use of code.matchAll(member)) {
      const name = use[1] as string;
      if (viaToEsm && name === 'default') continue;
      const key = `${specifier}\0${name}`;
      if (seen.has(key)) continue;
      seen.add(key);
      found.push({ specifier, name, index: use.index ?? 0 });
    }
  }
  return found.sort((a, b) => a.index - b.index);
}

/**
 * Where `name` is written in the import (or re-export) statement of
 * `specifier` in the original source, 1-based; undefined when no statement
 * names it (e.g. it reached the code some other way).
 */
export function findImportedName(source: string, specifier: string, name: string): { line: number; column: number; lineText: string } | undefined {
  const quoted = new RegExp(`(['"])${escapeRegExp(specifier)}\\1`, 'g');
  const word = new RegExp(`(?<![\\w$])${escapeRegExp(name)}(?![\\w$])`, 'g');
  for (const m of source.matchAll(quoted)) {
    const end = m.index ?? 0;
    const start = Math.max(source.lastIndexOf('import', end), source.lastIndexOf('export', end));
    if (start < 0) continue;
    word.lastIndex = start;
    const hit = word.exec(source);
    if (!hit || hit.index >= end) continue;
    const before = source.slice(0, hit.index);
    const line = before.split('\n').length;
    const lineStart = before.lastIndexOf('\n') + 1;
    const lineEnd = source.indexOf('\n', hit.index);
    return { line, column: hit.index - lineStart + 1, lineText: source.slice(lineStart, lineEnd < 0 ? undefined : lineEnd).replace(/\r$/, '') };
  }
  return undefined;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
