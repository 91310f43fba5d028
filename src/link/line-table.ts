/**
 * The table of lines of an output frame. A line the game tells a room is
 * one string sent to every listener's session; the engine names it once in
 * the frame's table and each listener's write points at it, so the link
 * carries a room's chatter once per frame instead of once per listener (at
 * 2,000 players that chatter is two thirds of ~40 MB/s). Strings are found
 * again by identity-fast hashing: V8 keeps a string's hash in the string, so
 * the same string object sent to 250 sessions is hashed once.
 */
import type { EngineSessionOutput, WireSessionOutput } from './frames';

/** What the engine's session link sends: the items, and the table when any item is made of lines. */
export function packOutput(items: readonly EngineSessionOutput[]): { items: WireSessionOutput[]; lines?: string[] } {
  let table: string[] | undefined;
  let index: Map<string, number> | undefined;
  const packed: WireSessionOutput[] = new Array(items.length);
  for (let i = 0; i < items.length; i++) {
    const item = items[i] as EngineSessionOutput;
    if (item.k !== 'lines') {
      packed[i] = item;
      continue;
    }
    table ??= [];
    index ??= new Map();
    const refs = new Array<number>(item.lines.length);
    for (let j = 0; j < item.lines.length; j++) {
      const line = item.lines[j] as string;
      let at = index.get(line);
      if (at === undefined) {
        at = table.length;
        table.push(line);
        index.set(line, at);
      }
      refs[j] = at;
    }
    packed[i] = { ...item, lines: refs };
  }
  return table ? { items: packed, lines: table } : { items: packed };
}

/** The text a lines item stands for, as one `write` would carry it (`Transport.writeLines` in the engine means the same). */
export function joinLines(lines: readonly string[], lead: boolean): string {
  let text = lead && lines.length > 0 ? '\n' : '';
  for (const line of lines) text += line + '\n';
  return text;
}
