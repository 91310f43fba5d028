/**
 * Edits of an area file's text in place, node by node: each change
 * replaces only the characters of the field it changes (an exit, a
 * description) or inserts one entry, so every other byte of the file,
 * comments and layout included, stays as its author wrote it. The yaml
 * package's Document is used to find where things are, never to print the
 * file (its toString reflows descriptions and respaces lists).
 */
import { isMap, isScalar, isSeq, parseDocument, stringify, type Document, type Node, type Pair, type YAMLMap } from 'yaml';

/** A change to make: replace [start, end) with text. */
interface Splice {
  start: number;
  end: number;
  text: string;
}

/** Where the text of a room entry can be edited; thrown when the file is not laid out as expected. */
export class AreaTextError extends Error {}

export interface NewRoom {
  /** The key as written in this file (bare for its own pack). */
  key: string;
  name: string;
  description: string;
  exits: Record<string, string>;
  /** [x, y, z] on the map (the studio's Map panel gives a room it adds those of the room it is next to, one step on). */
  coordinates?: [number, number, number];
  environment?: string;
}

/** The area file's text, opened for edits; `text` is the result after each edit. */
export class AreaText {
  private doc: Document;
  /** The file's line ends: what it is written with, it keeps. */
  private readonly eol: string;

  constructor(public text: string) {
    this.eol = text.includes('\r\n') ? '\r\n' : '\n';
    this.doc = this.parse();
  }

  /** Sets (or adds) the exit `dir` of the room written with `localKey`. */
  setExit(localKey: string, dir: string, target: string): void {
    const entry = this.room(localKey);
    const exits = pairOf(entry, 'exits');
    const value = exits?.value as Node | null | undefined;
    if (exits && isMap(value) && value.flow) {
      const items = value.items as Pair<Node, Node>[];
      const last = items.at(-1);
      if (last) this.splice({ start: end(last.value), end: end(last.value), text: `, ${dir}: ${scalar(target)}` });
      else this.splice({ start: start(value), end: end(value), text: `{ ${dir}: ${scalar(target)} }` });
    } else if (exits && isMap(value)) {
      const items = value.items as Pair<Node, Node>[];
      const first = items[0] as Pair<Node, Node>;
      const at = lineEndAfter(this.text, after(items.at(-1)?.value));
      this.splice({ start: at, end: at, text: `${' '.repeat(this.column(start(first.key)))}${dir}: ${scalar(target)}\n` });
    } else if (exits) {
      // `exits:` with nothing after it: the whole field is written anew.
      this.splice({ start: start(exits.key), end: lineEndAfter(this.text, end(exits.key)) - 1, text: `exits: { ${dir}: ${scalar(target)} }` });
    } else {
      const last = entry.items.at(-1) as Pair<Node, Node>;
      const at = lineEndAfter(this.text, after(last.value) ?? end(last.key));
      this.splice({ start: at, end: at, text: `${' '.repeat(this.column(start(entry)))}exits: { ${dir}: ${scalar(target)} }\n` });
    }
  }

  /** Removes the exit `dir` of the room written with `localKey`; false when it has none. */
  removeExit(localKey: string, dir: string): boolean {
    const entry = this.room(localKey);
    const exits = pairOf(entry, 'exits');
    const map = exits?.value as Node | null | undefined;
    if (!exits || !isMap(map)) return false;
    const items = map.items as Pair<Node, Node>[];
    const i = items.findIndex((p) => isScalar(p.key) && p.key.value === dir);
    const pair = items[i];
    if (!pair) return false;
    if (map.flow) {
      const next = items[i + 1];
      const prev = items[i - 1];
      if (next) this.splice({ start: start(pair.key), end: start(next.key), text: '' });
      else if (prev) this.splice({ start: end(prev.value), end: end(pair.value), text: '' });
      else this.splice({ start: start(map), end: end(map), text: '{}' });
    } else if (items.length === 1) {
      // The only exit: the whole `exits:` field goes, rather than leave it empty.
      this.splice({ start: lineStart(this.text, start(exits.key)), end: lineEndAfter(this.text, after(pair.value)), text: '' });
    } else {
      this.splice({ start: lineStart(this.text, start(pair.key)), end: lineEndAfter(this.text, after(pair.value)), text: '' });
    }
    return true;
  }

  /** Rewrites the description of the room written with `localKey`. */
  setDescription(localKey: string, description: string): void {
    const entry = this.room(localKey);
    const pair = pairOf(entry, 'description');
    const value = pair?.value as Node | null | undefined;
    if (!pair || !value?.range) throw new AreaTextError(`room ${localKey} has no description to rewrite`);
    const old = this.text.slice(value.range[0], value.range[1]);
    const column = this.column(start(pair.key));
    // On the key's line when it fits in 80 columns; else a folded block, wrapped.
    const oneLine = scalar(description);
    let text = column + 'description: '.length + oneLine.length <= 80 ? oneLine : folded(description, column + 2);
    // A block scalar's range ends after its last line break; a plain one before it.
    if (!old.endsWith('\n')) text = text.replace(/\n$/, '');
    else if (!text.endsWith('\n')) text += '\n';
    this.splice({ start: value.range[0], end: value.range[1], text });
  }

  /** Adds a room entry after the last room of the file, indented as the rooms before it. */
  addRoom(room: NewRoom): void {
    const rooms = this.doc.get('rooms', true) as Node | undefined;
    const last = isSeq(rooms) ? (rooms.items.at(-1) as Node | undefined) : undefined;
    if (!isSeq(rooms) || !isMap(last)) throw new AreaTextError('the file has no list of rooms to add to');
    const column = this.column(start(last));
    const lines = [
      `- key: ${room.key}`,
      `  name: ${scalar(room.name)}`,
      `  description: ${scalar(room.description)}`,
      `  exits: { ${Object.entries(room.exits).map(([dir, to]) => `${dir}: ${scalar(to)}`).join(', ')} }`,
      ...(room.coordinates ? [`  coordinates: [${room.coordinates.join(', ')}]`] : []),
      ...(room.environment !== undefined ? [`  environment: ${scalar(room.environment)}`] : []),
    ];
    const at = lineEndAfter(this.text, after(last));
    const lead = at === this.text.length && !this.text.endsWith('\n') ? '\n' : '';
    this.splice({ start: at, end: at, text: `${lead}\n${lines.map((l) => ' '.repeat(Math.max(0, column - 2)) + l).join('\n')}\n` });
  }

  private room(localKey: string): YAMLMap {
    const rooms = this.doc.get('rooms', true) as Node | undefined;
    const entry = isSeq(rooms) ? rooms.items.find((item) => isMap(item) && item.get('key') === localKey) : undefined;
    if (!isMap(entry)) throw new AreaTextError(`no room '${localKey}' in the file`);
    return entry;
  }

  private splice(s: Splice): void {
    this.text = this.text.slice(0, s.start) + s.text.replace(/\n/g, this.eol) + this.text.slice(s.end);
    this.doc = this.parse();
  }

  private parse(): Document {
    const doc = parseDocument(this.text, { uniqueKeys: true });
    if (doc.errors.length > 0) throw new AreaTextError(`the file is not valid YAML (${doc.errors[0]?.message.split('\n')[0]})`);
    return doc;
  }

  /** The 0-based column of an offset. */
  private column(offset: number): number {
    return offset - lineStart(this.text, offset);
  }
}

function pairOf(map: YAMLMap, key: string): Pair<Node, Node | null> | undefined {
  return (map.items as Pair<Node, Node | null>[]).find((p) => isScalar(p.key) && p.key.value === key);
}

function start(node: Node): number {
  if (!node.range) throw new AreaTextError('a node of the file has no place');
  return node.range[0];
}

/** Where a node's value ends (before a comment or the line break). */
function end(node: Node | null): number {
  if (!node?.range) throw new AreaTextError('a node of the file has no place');
  return node.range[1];
}

/** Where a node ends with its trailing comment and line break, if any. */
function after(node: Node | null | undefined): number | undefined {
  return node?.range?.[2];
}

function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/** The offset just after the line break that ends the line `offset` is on (or after the text). */
function lineEndAfter(text: string, offset: number | undefined): number {
  if (offset === undefined) throw new AreaTextError('a node of the file has no place');
  if (offset > 0 && text[offset - 1] === '\n') return offset;
  const nl = text.indexOf('\n', offset);
  return nl < 0 ? text.length : nl + 1;
}

/** A value on one line, quoted only when YAML needs it. */
function scalar(value: string): string {
  return stringify(value, { lineWidth: 0 }).replace(/\n$/, '');
}

/** A long description as a folded block (`>-`), wrapped at 72 columns, at the given indent. */
function folded(text: string, indent: number): string {
  const pad = ' '.repeat(indent);
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line !== '' && pad.length + line.length + 1 + word.length > 72) {
      lines.push(line);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  lines.push(line);
  return `>-\n${lines.map((l) => pad + l).join('\n')}\n`;
}
