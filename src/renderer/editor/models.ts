// The editor's text models: one per pack file, created from the host's
// content, so the TypeScript service sees every file of every pack (imports
// across files resolve) and tabs share the same buffers.
import type { FileContent, TypeLibrary } from '../../shared/model';
import { languageOf } from '../../shared/pack-paths';
import { monaco, ts } from './monaco';

export function uriOf(pack: string, path: string): monaco.Uri {
  return monaco.Uri.parse(`file:///packs/${pack}/${path}`);
}

/** `file:///packs/combat/src/x.ts` -> { pack: 'combat', path: 'src/x.ts' }. */
export function refOf(uri: monaco.Uri): { pack: string; path: string } | undefined {
  const match = /^\/packs\/([^/]+)\/(.+)$/.exec(uri.path);
  return match ? { pack: match[1]!, path: match[2]! } : undefined;
}

export function modelOf(pack: string, path: string): monaco.editor.ITextModel | null {
  return monaco.editor.getModel(uriOf(pack, path));
}

/** The model of a file, created from `content` when new; an existing model keeps its (maybe unsaved) text. */
export function ensureModel(file: FileContent): monaco.editor.ITextModel {
  return modelOf(file.pack, file.path) ?? monaco.editor.createModel(file.content, languageOf(file.path), uriOf(file.pack, file.path));
}

/** Replaces a model's text with what is on disk (an outside edit), keeping it undoable. */
export function replaceText(model: monaco.editor.ITextModel, content: string): void {
  if (model.getValue() === content) return;
  model.pushEditOperations([], [{ range: model.getFullModelRange(), text: content }], () => null);
}

export function disposeModel(pack: string, path: string): void {
  modelOf(pack, path)?.dispose();
}

/** JSON files are imported by pack code; the TypeScript service reads them as untyped modules. */
const JSON_MODULES = `declare module '*.json' {\n  const value: any;\n  export default value;\n}\n`;

/** Gives the TypeScript service the engine's declarations. */
export function setTypeLibraries(libraries: TypeLibrary[]): void {
  ts.typescriptDefaults.setExtraLibs([
    ...libraries.map((l) => ({ content: l.content, filePath: l.path })),
    { content: JSON_MODULES, filePath: 'file:///node_modules/@types/maid-json-modules/index.d.ts' },
  ]);
}
