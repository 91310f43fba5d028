/**
 * Packing a batch of session output for the link. Through the gateway a
 * crowded game's output is mostly the same lines said to many sessions: at
 * 2,000 players in 8 rooms, each `look` lists ~250 occupants and each say
 * or step reaches ~250 players: 25 MB a second of text, ~1 MB of it
 * distinct lines within a frame. Sent whole, it queued in the engine's end
 * of the channel and every answer waited behind it (hundreds of ms). So a
 * long text crosses as runs of its lines in the frame's table of distinct
 * lines (a text said to many sessions is one run), and the gateway joins
 * them again as the frame arrives.
 *
 * Packing costs the engine ~3 ms of CPU per MB of text it has to split (a
 * look differs per viewer: it leaves the viewer out), against ~0.6 ms to
 * clone it whole, so only a big frame is packed: the bursts that would
 * back the channel up (a tick's flush, a crowd answered together). An
 * ordinary frame of a few answers crosses as it is.
 */
import type { PackedOutputFrame, PackedSessionOutput, SessionOutput } from './frames';

/** Texts shorter than this cross as they are: an answer of a line or two gains nothing from the table. */
const MIN_PACKED_CHARS = 160;
/** Frames with less text than this (characters, all writes together) cross as they are. */
const MIN_PACKED_FRAME_CHARS = 128 * 1024;

/** A batch of output as one frame, packed when it is big; the text of each write is unchanged on arrival. */
export function packOutput(items: SessionOutput[]): PackedOutputFrame {
  let chars = 0;
  for (const item of items) if (item.k === 'write') chars += item.text.length;
  if (chars < MIN_PACKED_FRAME_CHARS) return { t: 'output', items };
  const lines: string[] = [];
  const indexOf = new Map<string, number>();
  // The same text to many sessions (a room's look) is split once; its runs cross once too (the structured clone keeps shared objects shared).
  const runsOf = new Map<string, number[]>();
  const packed: PackedSessionOutput[] = [];
  for (const item of items) {
    if (item.k !== 'write' || item.text.length < MIN_PACKED_CHARS) {
      packed.push(item);
      continue;
    }
    let runs = runsOf.get(item.text);
    if (runs === undefined) {
      runs = runsOfLines(item.text, lines, indexOf);
      runsOf.set(item.text, runs);
    }
    const write: PackedSessionOutput = { k: 'write', s: item.s, lines: runs };
    if (item.prompt !== undefined) write.prompt = item.prompt;
    if (item.answer) write.answer = true;
    packed.push(write);
  }
  return lines.length > 0 ? { t: 'output', items: packed, lines } : { t: 'output', items: packed };
}

/** `text` as runs (first index, count) of its lines in `lines`, adding the lines not there yet. */
function runsOfLines(text: string, lines: string[], indexOf: Map<string, number>): number[] {
  const runs: number[] = [];
  for (const line of text.split('\n')) {
    let index = indexOf.get(line);
    if (index === undefined) {
      index = lines.length;
      lines.push(line);
      indexOf.set(line, index);
    }
    const last = runs.length - 2;
    if (last >= 0 && (runs[last] as number) + (runs[last + 1] as number) === index) runs[last + 1] = (runs[last + 1] as number) + 1;
    else runs.push(index, 1);
  }
  return runs;
}

/**
 * The text a packed write stands for: its runs (first index, count) of
 * lines from `table`, joined by "\n". Refuses (with why) a run outside the
 * table, or a text longer than `maxChars`, checked before joining so no
 * frame can make a huge string.
 */
export function joinLines(runs: readonly unknown[], table: readonly string[], maxChars: number): string | { refused: string } {
  if (runs.length === 0 || runs.length % 2 !== 0) return { refused: '"lines" must be pairs of a first line and a count' };
  let chars = -1;
  for (let i = 0; i < runs.length; i += 2) {
    const first = runs[i];
    const count = runs[i + 1];
    if (!isIndex(first) || !isIndex(count) || count === 0 || first + count > table.length) return { refused: `"lines" must be runs of the frame's ${table.length} line(s)` };
    for (let j = first; j < first + count; j++) {
      chars += (table[j] as string).length + 1;
      if (chars > maxChars) return { refused: `the text of "lines" is longer than ${maxChars} characters` };
    }
  }
  const parts: string[] = [];
  for (let i = 0; i < runs.length; i += 2) {
    const first = runs[i] as number;
    for (let j = first; j < first + (runs[i + 1] as number); j++) parts.push(table[j] as string);
  }
  return parts.join('\n');
}

function isIndex(n: unknown): n is number {
  return typeof n === 'number' && Number.isSafeInteger(n) && n >= 0;
}
