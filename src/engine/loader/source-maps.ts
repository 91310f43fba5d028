import { SourceMap, type SourceMapPayload } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { SourceLocation } from './errors';
import type { CompiledUnit } from './transpile';

/** Finds the compiled unit behind a file name seen in a stack trace. */
export type UnitLookup = (file: string) => CompiledUnit | undefined;

/** One `    at fn (file:line:col)` line whose file is a pack module. */
interface PackFrame {
  unit: CompiledUnit;
  /** Position in the generated code, 1-based. */
  line: number;
  column: number;
  /** Where `file:line:col` sits in the stack line, to rewrite it. */
  start: number;
  end: number;
}

const POSITION_AT_END = /:(\d+):(\d+)\)?\s*$/;

/** Map a 1-based position in a unit's generated code to the original source. */
export function mapPosition(unit: CompiledUnit, line: number, column: number): { line: number; column: number } {
  return originalPosition(unit, line, column) ?? { line, column };
}

/** The original position of generated code; undefined for code with no source (esbuild's helpers at the top of a unit). */
function originalPosition(unit: CompiledUnit, line: number, column: number): { line: number; column: number } | undefined {
  if (unit.map === undefined) return undefined;
  if (!unit.parsedMap) unit.parsedMap = new SourceMap(JSON.parse(unit.map) as SourceMapPayload);
  const entry = unit.parsedMap.findEntry(line - 1, column - 1);
  if (!('originalLine' in entry) || typeof entry.originalLine !== 'number') return undefined;
  return { line: entry.originalLine + 1, column: entry.originalColumn + 1 };
}

/** Parse one stack line; undefined unless it is a frame of a known unit. */
function parsePackFrame(text: string, lookup: UnitLookup): PackFrame | undefined {
  const at = text.indexOf('at ');
  if (at < 0 || text.slice(0, at).trim() !== '') return undefined;
  const pos = POSITION_AT_END.exec(text);
  if (!pos?.[1] || !pos[2]) return undefined;
  const location = text.slice(at + 3, pos.index);
  // `fn (path` or just `path`; a path may itself contain ` (`, so try each split.
  const candidates = [location];
  for (let i = location.indexOf(' ('); i >= 0; i = location.indexOf(' (', i + 1)) candidates.push(location.slice(i + 2));
  for (const candidate of candidates) {
    const file = candidate.startsWith('file://') ? safeFileUrlToPath(candidate) : candidate;
    const unit = file === undefined ? undefined : lookup(file);
    if (unit) {
      const start = at + 3 + (location.length - candidate.length);
      const end = pos.index + pos[0].replace(/\)?\s*$/, '').length;
      return { unit, line: Number(pos[1]), column: Number(pos[2]), start, end };
    }
  }
  return undefined;
}

function safeFileUrlToPath(url: string): string | undefined {
  try {
    return fileURLToPath(url);
  } catch {
    return undefined;
  }
}

function stackOf(error: unknown): string | undefined {
  if (error instanceof Error && typeof error.stack === 'string') return error.stack;
  return undefined;
}

/**
 * The innermost stack frame that belongs to a pack module, in original
 * coordinates. Frames in esbuild's helpers (e.g. the getters of a namespace
 * import) are passed over for the author's line that called them.
 */
export function locateInStack(error: unknown, lookup: UnitLookup): SourceLocation | undefined {
  const stack = stackOf(error);
  if (stack === undefined) return undefined;
  let first: SourceLocation | undefined;
  for (const text of stack.split('\n')) {
    const frame = parsePackFrame(text, lookup);
    if (!frame) continue;
    const original = originalPosition(frame.unit, frame.line, frame.column);
    if (original || frame.unit.map === undefined) return { file: frame.unit.file, ...(original ?? { line: frame.line, column: frame.column }) };
    first ??= { file: frame.unit.file, line: frame.line, column: frame.column };
  }
  return first;
}

/** The error's stack with every pack frame's position rewritten to the original source. */
export function mapStack(error: unknown, lookup: UnitLookup): string {
  const stack = stackOf(error);
  if (stack === undefined) return String(error);
  return mapFrames(stack.split('\n'), lookup).join('\n');
}

/** Only the `    at ...` lines of the error's stack, mapped. */
export function mappedFrames(error: unknown, lookup: UnitLookup): string | undefined {
  const stack = stackOf(error);
  if (stack === undefined) return undefined;
  const frames = stack.split('\n').filter((line) => /^\s*at /.test(line));
  return frames.length > 0 ? mapFrames(frames, lookup).join('\n') : undefined;
}

function mapFrames(lines: string[], lookup: UnitLookup): string[] {
  return lines.map((text) => {
    const frame = parsePackFrame(text, lookup);
    if (!frame) return text;
    const { line, column } = mapPosition(frame.unit, frame.line, frame.column);
    return `${text.slice(0, frame.start)}${frame.unit.file}:${line}:${column}${text.slice(frame.end)}`;
  });
}
