// Structural before/after diffs with jsondiffpatch, as HTML (its formatter
// escapes every key and value, so the markup is safe to insert).
import { create, type Delta } from 'jsondiffpatch';
import { format } from 'jsondiffpatch/formatters/html';

const differ = create({
  // Array items with an id keep their identity across a diff (moved, not removed and added).
  objectHash: (item: object, index?: number) => {
    const o = item as Record<string, unknown>;
    return String(o.id ?? o.entity ?? o.name ?? `$$index:${index ?? 0}`);
  },
  arrays: { detectMove: true },
});

export interface RenderedDiff {
  changed: boolean;
  html: string;
}

export function diffHtml(before: unknown, after: unknown): RenderedDiff {
  const delta: Delta = differ.diff(before ?? null, after ?? null);
  if (delta === undefined) return { changed: false, html: '' };
  return { changed: true, html: format(delta, before) ?? '' };
}
