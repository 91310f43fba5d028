/**
 * Negotiate About Window Size (RFC 1073): the client sends
 * `IAC SB NAWS <width:16 bit BE> <height:16 bit BE> IAC SE`, with any 255 byte
 * doubled. The parser has already undone the doubling, so the payload here is
 * exactly four bytes.
 */

export interface WindowSize {
  /** Columns, clamped to the bounds; the default when the client said 0 (unknown). */
  width: number;
  /** Rows, clamped likewise. */
  height: number;
  /** The values as sent. */
  rawWidth: number;
  rawHeight: number;
}

export interface NawsBounds {
  minWidth: number;
  maxWidth: number;
  minHeight: number;
  maxHeight: number;
  defaultWidth: number;
  defaultHeight: number;
}

export const DEFAULT_NAWS_BOUNDS: Readonly<NawsBounds> = Object.freeze({
  minWidth: 20,
  maxWidth: 500,
  minHeight: 5,
  maxHeight: 200,
  defaultWidth: 80,
  defaultHeight: 24,
});

function fit(value: number, min: number, max: number, fallback: number): number {
  if (value === 0) return fallback;
  return Math.min(max, Math.max(min, value));
}

/** Decodes a NAWS payload; null unless it is exactly four bytes. */
export function decodeNaws(payload: Uint8Array, bounds: Partial<NawsBounds> = {}): WindowSize | null {
  if (payload.length !== 4) return null;
  const b = { ...DEFAULT_NAWS_BOUNDS, ...bounds };
  const rawWidth = (payload[0]! << 8) | payload[1]!;
  const rawHeight = (payload[2]! << 8) | payload[3]!;
  return {
    width: fit(rawWidth, b.minWidth, b.maxWidth, b.defaultWidth),
    height: fit(rawHeight, b.minHeight, b.maxHeight, b.defaultHeight),
    rawWidth,
    rawHeight,
  };
}
