// A failed reload shows where it failed: a marker (squiggle, hover, overview
// ruler) and a line highlight with a glyph at the file, line and column of
// the error; the pack's next successful reload clears them.
import type { ReloadEntry } from '../../shared/model';
import { monaco } from './monaco';
import { modelOf } from './models';

export const RELOAD_MARKER_OWNER = 'maid-reload';

const decorations = new Map<string, monaco.editor.IEditorDecorationsCollection | string[]>();
const marked = new Map<string, Set<string>>(); // pack -> paths with markers

function clearPack(pack: string): void {
  for (const path of marked.get(pack) ?? []) {
    const model = modelOf(pack, path);
    if (!model) continue;
    monaco.editor.setModelMarkers(model, RELOAD_MARKER_OWNER, []);
    const old = decorations.get(`${pack}/${path}`);
    if (Array.isArray(old)) model.deltaDecorations(old, []);
    decorations.delete(`${pack}/${path}`);
  }
  marked.delete(pack);
}

/** Applies a reload to the markers: a failure marks its location, a success clears the pack's marks. */
export function applyReloadMarkers(entry: ReloadEntry): void {
  if (entry.success) {
    clearPack(entry.packName);
    return;
  }
  const error = entry.error;
  if (!error?.file) return;
  const model = modelOf(entry.packName, error.file);
  if (!model) return;
  clearPack(entry.packName);
  const line = Math.min(Math.max(error.line ?? 1, 1), model.getLineCount());
  const column = Math.max(error.column ?? 1, 1);
  const endColumn = Math.max(model.getLineMaxColumn(line), column + 1);
  const message = `Reload of '${entry.packName}' failed (${error.phase}${entry.rolledBack ? ', rolled back' : ''}): ${error.message}`;
  monaco.editor.setModelMarkers(model, RELOAD_MARKER_OWNER, [
    { severity: monaco.MarkerSeverity.Error, message, startLineNumber: line, startColumn: column, endLineNumber: line, endColumn, source: 'hot reload' },
  ]);
  const ids = model.deltaDecorations([], [
    {
      range: new monaco.Range(line, 1, line, 1),
      options: {
        isWholeLine: true,
        className: 'maid-reload-error-line',
        glyphMarginClassName: 'maid-reload-error-glyph',
        glyphMarginHoverMessage: { value: message },
      },
    },
  ]);
  decorations.set(`${entry.packName}/${error.file}`, ids);
  marked.set(entry.packName, new Set([error.file]));
}
