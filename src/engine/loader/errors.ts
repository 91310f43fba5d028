import path from 'node:path';

/** What went wrong while loading a pack module. */
export type ModuleLoadErrorKind =
  /** esbuild (or V8) could not parse the file. */
  | 'syntax'
  /** An import names a module that is not there, or leaves the pack's folder. */
  | 'resolve'
  /** The module threw while its top level ran. */
  | 'evaluate'
  /** A module the pack needs was deleted (or the entry file is gone). */
  | 'missing-file'
  /** A module is zero bytes or only whitespace: most often a save caught half-way. */
  | 'empty-file';

/** A place in an original source file; line and column are 1-based. */
export interface SourceLocation {
  /** Absolute path of the original file (the .ts, not transpiled JS). */
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

export interface ModuleLoadErrorInit {
  kind: ModuleLoadErrorKind;
  /** The pack folder, to print `file` relative to it. */
  packDir: string;
  file: string;
  line?: number;
  column?: number;
  /** The message without the location. */
  detail: string;
  /** The error's name; defaults to one per kind (`SyntaxError`, `ResolveError`, ...). */
  name?: string;
  specifier?: string;
  /** The module the error is about, when it is not `file` (a deleted import). */
  target?: string;
  lineText?: string;
  cause?: unknown;
  /** Stack lines (`    at ...`) to show under the message, already mapped to original positions. */
  frames?: string;
}

const NAME_BY_KIND: Record<ModuleLoadErrorKind, string> = {
  syntax: 'SyntaxError',
  resolve: 'ResolveError',
  evaluate: 'Error',
  'missing-file': 'MissingFileError',
  'empty-file': 'EmptyFileError',
};

/**
 * Loading a pack module failed. `file`/`line`/`column` point into the original
 * source; `toString()` reads `SyntaxError: Expected ";" but found "x" at src/systems/combat.ts:12:5`.
 */
export class ModuleLoadError extends Error {
  readonly kind: ModuleLoadErrorKind;
  readonly file: string;
  /** `file` relative to the pack folder, with forward slashes. */
  readonly relativeFile: string;
  readonly line: number;
  readonly column: number;
  readonly detail: string;
  readonly specifier: string | undefined;
  readonly target: string | undefined;
  readonly lineText: string | undefined;

  constructor(init: ModuleLoadErrorInit) {
    const line = init.line ?? 1;
    const column = init.column ?? 1;
    const relativeFile = displayPath(init.packDir, init.file);
    super(`${init.detail} at ${relativeFile}:${line}:${column}`, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = init.name ?? NAME_BY_KIND[init.kind];
    this.kind = init.kind;
    this.file = init.file;
    this.relativeFile = relativeFile;
    this.line = line;
    this.column = column;
    this.detail = init.detail;
    this.specifier = init.specifier;
    this.target = init.target;
    this.lineText = init.lineText;
    this.stack = `${this.toString()}\n${init.frames ?? `    at ${init.file}:${line}:${column}`}`;
  }

  override toString(): string {
    return `${this.name}: ${this.message}`;
  }

  /** Plain data for logs and IPC. */
  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      kind: this.kind,
      message: this.message,
      detail: this.detail,
      file: this.file,
      relativeFile: this.relativeFile,
      line: this.line,
      column: this.column,
      specifier: this.specifier,
      target: this.target,
    };
  }
}

/** `file` relative to `packDir` with forward slashes when inside it, else as is. */
export function displayPath(packDir: string, file: string): string {
  const rel = path.relative(packDir, file);
  if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) return file;
  return rel.split(path.sep).join('/');
}

/** esbuild reports columns in UTF-8 bytes; editors (and V8) count UTF-16 units. 0-based in, 1-based out. */
export function byteColumnToColumn(lineText: string, byteColumn: number): number {
  const bytes = Buffer.from(lineText, 'utf8');
  if (byteColumn >= bytes.length) return lineText.length + 1 + (byteColumn - bytes.length);
  return bytes.subarray(0, byteColumn).toString('utf8').length + 1;
}
