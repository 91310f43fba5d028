// The packs' TypeScript problems (from the host's type check, after each
// reload) as markers in every open file of the pack: a squiggle with the
// message on hover, and a glyph in the gutter. A file opened later gets its
// markers as its model is made.
import type { PackProblems } from '../../shared/model';
import { monaco } from './monaco';
import { modelOf } from './models';

export const TYPE_MARKER_OWNER = 'maid-types';

const latest = new Map<string, PackProblems>();
const glyphs = new Map<string, string[]>(); // `pack/path` -> decoration ids

function applyToFile(pack: string, path: string): void {
  const model = modelOf(pack, path);
  if (!model) return;
  const problems = (latest.get(pack)?.problems ?? []).filter((p) => p.file === path);
  const lines = model.getLineCount();
  const clamp = (line: number) => Math.min(Math.max(line, 1), lines);
  monaco.editor.setModelMarkers(
    model,
    TYPE_MARKER_OWNER,
    problems.map((p) => ({
      severity: p.severity === 'error' ? monaco.MarkerSeverity.Error : monaco.MarkerSeverity.Warning,
      message: p.message,
      code: `TS${p.code}`,
      source: 'type check',
      startLineNumber: clamp(p.line),
      startColumn: p.column,
      endLineNumber: clamp(p.endLine),
      endColumn: Math.max(p.endColumn, p.column + 1),
    })),
  );
  const key = `${pack}/${path}`;
  glyphs.set(
    key,
    model.deltaDecorations(
      glyphs.get(key) ?? [],
      problems.map((p) => ({
        range: new monaco.Range(clamp(p.line), 1, clamp(p.line), 1),
        options: { glyphMarginClassName: 'maid-type-problem-glyph', glyphMarginHoverMessage: { value: `TS${p.code}: ${p.message}` } },
      })),
    ),
  );
}

/** A pack's new type-check report: every model of the pack gets its problems, or loses the old ones. */
export function applyTypeProblems(report: PackProblems): void {
  const before = latest.get(report.pack);
  latest.set(report.pack, report);
  const files = new Set([...(before?.problems ?? []), ...report.problems].map((p) => p.file));
  for (const model of monaco.editor.getModels()) {
    const match = /^\/packs\/([^/]+)\/(.+)$/.exec(model.uri.path);
    if (match?.[1] === report.pack && match[2]) files.add(match[2]);
  }
  for (const file of files) applyToFile(report.pack, file);
}

/** A model made after the report (a file opened later): its markers now. */
export function applyTypeProblemsTo(pack: string, path: string): void {
  if (latest.has(pack)) applyToFile(pack, path);
}
