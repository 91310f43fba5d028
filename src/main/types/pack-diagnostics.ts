// TypeScript diagnostics of a pack's source files, from a language service
// kept per pack: a later check re-reads only the files whose modification
// time changed and reuses the rest (the engine's sources included), so a
// check after a save costs a fraction of the first one.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type * as TS from 'typescript';
import type { TypeProblem } from '../../shared/model';

type Ts = typeof TS;

export interface PackDiagnosticsOptions {
  /** The repository root: `@maid/engine` resolves to its src/engine. */
  root: string;
  /** The folder of all packs: `@packs/<name>` resolves to `<packsDir>/<name>/src/pack.ts`. */
  packsDir: string;
}

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    let entries;
    try {
      entries = readdirSync(d, { withFileTypes: true });
    } catch {
      return; // gone meanwhile
    }
    for (const entry of entries) {
      if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
      const full = join(d, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts')) out.push(full);
    }
  };
  walk(dir);
  return out.sort();
}

/** A file's version for the language service: changes whenever the file does. */
function versionOf(file: string): string {
  try {
    const info = statSync(file);
    return `${info.mtimeMs}:${info.size}`;
  } catch {
    return 'missing';
  }
}

/** One language service per pack folder; `check` answers the problems of the pack's src/ now. */
export class PackDiagnostics {
  private readonly services = new Map<string, { service: TS.LanguageService; files: { list: string[] } }>();
  private readonly documents: TS.DocumentRegistry;

  constructor(
    private readonly ts: Ts,
    private readonly options: PackDiagnosticsOptions,
  ) {
    // Shared between packs: the engine's sources are parsed once for all of them.
    this.documents = ts.createDocumentRegistry();
  }

  private compilerOptions(): TS.CompilerOptions {
    const { ts } = this;
    const engine = join(this.options.root, 'src', 'engine');
    return {
      target: ts.ScriptTarget.ES2022,
      lib: ['lib.es2023.d.ts'],
      module: ts.ModuleKind.ESNext,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
      strict: true,
      noUncheckedIndexedAccess: true,
      noImplicitOverride: true,
      isolatedModules: true,
      esModuleInterop: true,
      resolveJsonModule: true,
      skipLibCheck: true,
      noEmit: true,
      types: ['node'],
      typeRoots: [join(this.options.root, 'node_modules', '@types')],
      baseUrl: this.options.root,
      paths: {
        '@maid/engine': [join(engine, 'index.ts')],
        '@maid/engine/testing': [join(engine, 'testing', 'index.ts')],
        '@packs/*': [join(this.options.packsDir, '*', 'src', 'pack.ts')],
      },
    };
  }

  private serviceFor(dir: string): { service: TS.LanguageService; files: { list: string[] } } {
    const known = this.services.get(dir);
    if (known) return known;
    const { ts } = this;
    const files = { list: [] as string[] };
    const options = this.compilerOptions();
    const host: TS.LanguageServiceHost = {
      getCompilationSettings: () => options,
      getScriptFileNames: () => files.list,
      getScriptVersion: versionOf,
      getScriptSnapshot: (file) => {
        try {
          return ts.ScriptSnapshot.fromString(readFileSync(file, 'utf8'));
        } catch {
          return undefined;
        }
      },
      getCurrentDirectory: () => dir,
      getDefaultLibFileName: (o) => ts.getDefaultLibFilePath(o),
      fileExists: ts.sys.fileExists,
      readFile: ts.sys.readFile,
      readDirectory: ts.sys.readDirectory,
      directoryExists: ts.sys.directoryExists,
      getDirectories: ts.sys.getDirectories,
    };
    const made = { service: ts.createLanguageService(host, this.documents), files };
    this.services.set(dir, made);
    return made;
  }

  /** The problems in the files of `<packDir>/src`, in file and line order. */
  check(packDir: string): TypeProblem[] {
    const { ts } = this;
    const { service, files } = this.serviceFor(packDir);
    files.list = sourceFiles(join(packDir, 'src'));
    const problems: TypeProblem[] = [];
    const program = service.getProgram();
    for (const file of files.list) {
      // Gone since the folder was listed (renamed or deleted while this ran): the check after its reload sees the folder as it is.
      if (!program?.getSourceFile(file)) continue;
      const diagnostics = [...service.getSyntacticDiagnostics(file), ...service.getSemanticDiagnostics(file)];
      for (const d of diagnostics) {
        if (d.category !== ts.DiagnosticCategory.Error && d.category !== ts.DiagnosticCategory.Warning) continue;
        const start = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start) : { line: 0, character: 0 };
        const end = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start + (d.length ?? 0)) : start;
        problems.push({
          file: relative(packDir, file).split(sep).join('/'),
          line: start.line + 1,
          column: start.character + 1,
          endLine: end.line + 1,
          endColumn: end.character + 1,
          message: ts.flattenDiagnosticMessageText(d.messageText, '\n'),
          code: d.code,
          severity: d.category === ts.DiagnosticCategory.Error ? 'error' : 'warning',
        });
      }
    }
    return problems;
  }

  /** Forgets a pack folder's service (the pack went away). */
  forget(packDir: string): void {
    this.services.get(packDir)?.service.dispose();
    this.services.delete(packDir);
  }
}
