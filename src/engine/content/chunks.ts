import { isSeq, parseDocument, type Node } from 'yaml';

/**
 * Reading an area file entry by entry, so a save that changes one room
 * parses one room: the YAML parser takes tens of milliseconds over a
 * 200-room file, which would stall every player for that long on each save.
 *
 * A file in the plain shape (sections at column 0, each a block list of
 * entries) is cut into its entries' texts; each is parsed on its own (or
 * taken from the last parse of the file, when its text is the same). A file
 * that uses anything else (anchors, aliases, tags, several documents,
 * indented text outside entries), or where any piece does not parse, is
 * parsed whole, which also gives its errors their exact places.
 */

/** One parsed entry: its node (ranges relative to its text) and where that text starts in the file. */
export interface ChunkEntry {
  node: Node;
  base: number;
}

export interface ChunkedArea {
  /** The file without its entries: the section names and the `area` line. */
  skeleton: string;
  /** Entries of each section, in order. */
  sections: Map<string, ChunkEntry[]>;
  /** Parsed entries by their text, for the next parse of this file. */
  parsed: Map<string, Node>;
}

// Anchors, aliases and tags tie entries together or change how they read: such a file is parsed whole.
const WHOLE_FILE = /(^|[\s[{,])[&*!][^\s,\]}]|^(---|\.\.\.|%)/m;
const SECTION_LINE = /^([A-Za-z_][\w-]*):[ \t]*(#.*)?\r?$/;

interface Piece {
  start: number;
  end: number;
}

/** The entries' places in the text, by section; undefined when the file is not in the plain shape. */
function cut(text: string): { skeleton: string; sections: Map<string, Piece[]> } | undefined {
  if (WHOLE_FILE.test(text)) return undefined;
  const sections = new Map<string, Piece[]>();
  const skeleton: string[] = [];
  let items: Piece[] | undefined;
  let indent: number | undefined;
  let open: Piece | undefined;
  const close = (at: number) => {
    if (open && items) {
      open.end = at;
      items.push(open);
    }
    open = undefined;
  };
  for (let start = 0; start < text.length; ) {
    const newline = text.indexOf('\n', start);
    const end = newline < 0 ? text.length : newline + 1;
    const line = text.slice(start, newline < 0 ? text.length : newline);
    const trimmed = line.trimStart();
    const depth = line.length - trimmed.length;
    if (trimmed === '' || trimmed.startsWith('#')) {
      if (!open) skeleton.push(line);
    } else if (depth === 0) {
      close(start);
      skeleton.push(line);
      const section = SECTION_LINE.exec(line);
      if (section) {
        if (sections.has(section[1] as string)) return undefined;
        items = [];
        indent = undefined;
        sections.set(section[1] as string, items);
      } else items = undefined;
    } else {
      if (!items) return undefined;
      const startsItem = trimmed === '-' || trimmed.startsWith('- ');
      if (startsItem && (indent === undefined || depth === indent)) {
        indent = depth;
        close(start);
        open = { start, end };
      } else if (!open || indent === undefined || depth <= indent) return undefined;
    }
    start = end;
  }
  close(text.length);
  return { skeleton: skeleton.join('\n'), sections };
}

/** Parses a file entry by entry (reusing `previous` parses of unchanged entries); undefined: parse it whole. */
export function parseInChunks(text: string, previous?: ReadonlyMap<string, Node>): ChunkedArea | undefined {
  const pieces = cut(text);
  if (!pieces) return undefined;
  const parsed = new Map<string, Node>();
  const sections = new Map<string, ChunkEntry[]>();
  for (const [name, list] of pieces.sections) {
    const entries: ChunkEntry[] = [];
    for (const piece of list) {
      const chunk = text.slice(piece.start, piece.end);
      let node = previous?.get(chunk) ?? parsed.get(chunk);
      if (!node) {
        const doc = parseDocument(chunk, { prettyErrors: false, uniqueKeys: true });
        const seq = doc.contents;
        if (doc.errors.length > 0 || doc.warnings.length > 0 || !isSeq(seq) || seq.items.length !== 1) return undefined;
        node = seq.items[0] as Node;
      }
      parsed.set(chunk, node);
      entries.push({ node, base: piece.start });
    }
    sections.set(name, entries);
  }
  return { skeleton: pieces.skeleton, sections, parsed };
}
