/**
 * "Go to definition" for a component: the file of its pack where
 * `defineComponent` names it, and the line and column of that call.
 */
import { StudioError } from '../../shared/errors';
import type { FileContent, SourceLocation } from '../../shared/model';

const DEFINE = /\bdefineComponent\s*(?:<[^>]*>)?\s*\(/g;

/** How far after `defineComponent(` its `name:` may be (past a comment or two). */
const NAME_WITHIN = 600;

function nameAt(text: string, from: number): string | undefined {
  const window = text.slice(from, from + NAME_WITHIN);
  const match = /\bname\s*:\s*(['"`])([^'"`\n]+)\1/.exec(window);
  return match?.[2];
}

function lineAndColumn(text: string, index: number): { line: number; column: number } {
  const before = text.slice(0, index);
  const line = before.split('\n').length;
  return { line, column: index - before.lastIndexOf('\n') };
}

/** Where among these files `defineComponent` names the component. */
export function findDefinition(files: readonly FileContent[], component: string): SourceLocation | undefined {
  // A pack's own sources before its tests (which may define look-alikes).
  const ordered = [...files].sort((a, b) => Number(b.path.startsWith('src/')) - Number(a.path.startsWith('src/')));
  for (const file of ordered) {
    if (!/\.[cm]?[jt]sx?$/.test(file.path) || !file.content.includes('defineComponent')) continue;
    for (const match of file.content.matchAll(DEFINE)) {
      if (nameAt(file.content, match.index + match[0].length) !== component) continue;
      return { pack: file.pack, path: file.path, ...lineAndColumn(file.content, match.index) };
    }
  }
  return undefined;
}

export async function componentSource(sources: (pack: string) => Promise<FileContent[]>, pack: string, component: string): Promise<SourceLocation> {
  const found = findDefinition(await sources(pack), component);
  if (!found) throw new StudioError('not-found', `No file of pack '${pack}' calls defineComponent with the name '${component}' (it may be made by a helper); search the pack for it`);
  return found;
}
