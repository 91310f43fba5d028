/**
 * Colour markup for game text, rendered to ANSI SGR sequences at the level
 * the client supports.
 *
 * Syntax: a tag is a name in braces; `{{` is a literal `{`; a brace group
 * that is not a known tag is left as it is (so JSON or `{x}` survive).
 *
 *   {reset}                      all attributes off
 *   {bold} {dim} {italic} {underline} {blink} {reverse}
 *   {red} {green} ...            the 8 colours: black red green yellow blue magenta cyan white
 *   {bright-red} ... {gray}      their bright variants (gray = bright-black)
 *   {bg-red} {bg-bright-red}     backgrounds
 *   {c208} {bg-c208}             xterm 256-colour palette index 0..255
 *   {#ff8800} {bg-#f80}          24-bit colour
 *
 * Example: "{bold}{red}Danger!{reset} The {c208}dragon{reset} wakes."
 *
 * Rendering downgrades to what the client can show: truecolor -> nearest of
 * the 256 palette -> nearest of the 16 colours; level 'none' drops every tag.
 * Text from players must go through `escapeMarkup` before being embedded in
 * markup, or a player could colour (or break) other players' screens.
 */

export type ColorLevel = 'none' | 'ansi16' | 'ansi256' | 'truecolor';

const ESC = '\x1b[';

const ATTRIBUTES: Readonly<Record<string, number>> = {
  reset: 0, bold: 1, dim: 2, italic: 3, underline: 4, blink: 5, reverse: 7,
};

const COLOUR_NAMES = ['black', 'red', 'green', 'yellow', 'blue', 'magenta', 'cyan', 'white'] as const;

/** RGB of the 16 basic colours (xterm's defaults). */
const BASIC_RGB: ReadonlyArray<readonly [number, number, number]> = [
  [0, 0, 0], [205, 0, 0], [0, 205, 0], [205, 205, 0], [0, 0, 238], [205, 0, 205], [0, 205, 205], [229, 229, 229],
  [127, 127, 127], [255, 0, 0], [0, 255, 0], [255, 255, 0], [92, 92, 255], [255, 0, 255], [0, 255, 255], [255, 255, 255],
];

const CUBE = [0, 95, 135, 175, 215, 255];

function rgbOf256(index: number): [number, number, number] {
  if (index < 16) return [...BASIC_RGB[index]!];
  if (index < 232) {
    const i = index - 16;
    return [CUBE[Math.floor(i / 36)]!, CUBE[Math.floor(i / 6) % 6]!, CUBE[i % 6]!];
  }
  const grey = 8 + (index - 232) * 10;
  return [grey, grey, grey];
}

function distance(a: readonly number[], b: readonly number[]): number {
  const dr = a[0]! - b[0]!;
  const dg = a[1]! - b[1]!;
  const db = a[2]! - b[2]!;
  return dr * dr * 2 + dg * dg * 4 + db * db * 3;
}

function nearest16(rgb: readonly number[]): number {
  let best = 0;
  let bestD = Infinity;
  BASIC_RGB.forEach((c, i) => {
    const d = distance(rgb, c);
    if (d < bestD) {
      bestD = d;
      best = i;
    }
  });
  return best;
}

function nearest256(rgb: readonly number[]): number {
  const cubeIndex = (v: number): number => (v < 48 ? 0 : v < 115 ? 1 : Math.min(5, Math.floor((v - 35) / 40)));
  const [r, g, b] = [cubeIndex(rgb[0]!), cubeIndex(rgb[1]!), cubeIndex(rgb[2]!)];
  const cube = 16 + 36 * r + 6 * g + b;
  const avg = (rgb[0]! + rgb[1]! + rgb[2]!) / 3;
  const greyIndex = avg > 238 ? 23 : Math.max(0, Math.round((avg - 8) / 10));
  const grey = 232 + greyIndex;
  return distance(rgb, rgbOf256(grey)) < distance(rgb, rgbOf256(cube)) ? grey : cube;
}

type Colour = { kind: 'basic'; index: number } | { kind: 'p256'; index: number } | { kind: 'rgb'; rgb: [number, number, number] };

function parseColour(name: string): Colour | null {
  const bright = name.startsWith('bright-');
  const base = bright ? name.slice(7) : name;
  const basic = COLOUR_NAMES.indexOf(base as (typeof COLOUR_NAMES)[number]);
  if (basic >= 0) return { kind: 'basic', index: basic + (bright ? 8 : 0) };
  if (name === 'gray' || name === 'grey') return { kind: 'basic', index: 8 };
  const p = /^c(\d{1,3})$/.exec(name);
  if (p) {
    const index = Number(p[1]);
    return index <= 255 ? { kind: 'p256', index } : null;
  }
  const hex = /^#([0-9a-f]{3}|[0-9a-f]{6})$/.exec(name);
  if (hex) {
    let h = hex[1]!;
    if (h.length === 3) h = h[0]! + h[0]! + h[1]! + h[1]! + h[2]! + h[2]!;
    return { kind: 'rgb', rgb: [parseInt(h.slice(0, 2), 16), parseInt(h.slice(2, 4), 16), parseInt(h.slice(4, 6), 16)] };
  }
  return null;
}

function colourSgr(colour: Colour, background: boolean, level: ColorLevel): string {
  let c = colour;
  if (c.kind === 'rgb' && level !== 'truecolor') c = { kind: 'p256', index: nearest256(c.rgb) };
  if (c.kind === 'p256' && level === 'ansi16') c = { kind: 'basic', index: c.index < 16 ? c.index : nearest16(rgbOf256(c.index)) };
  switch (c.kind) {
    case 'basic': {
      const base = background ? (c.index < 8 ? 40 : 100) : c.index < 8 ? 30 : 90;
      return `${ESC}${base + (c.index % 8)}m`;
    }
    case 'p256':
      return `${ESC}${background ? 48 : 38};5;${c.index}m`;
    case 'rgb':
      return `${ESC}${background ? 48 : 38};2;${c.rgb[0]};${c.rgb[1]};${c.rgb[2]}m`;
  }
}

/** The SGR sequence for one tag name at a level; '' at 'none'; null if the name is not a tag. */
export function tagToAnsi(tag: string, level: ColorLevel): string | null {
  const name = tag.toLowerCase();
  const attribute = ATTRIBUTES[name];
  if (attribute !== undefined) return level === 'none' ? '' : `${ESC}${attribute}m`;
  const background = name.startsWith('bg-');
  const colour = parseColour(background ? name.slice(3) : name);
  if (!colour) return null;
  return level === 'none' ? '' : colourSgr(colour, background, level);
}

const TAG = /\{\{|\{([a-zA-Z0-9#-]{1,20})\}/g;

/** Renders markup tags to ANSI at `level` (tags vanish at 'none'). */
export function renderMarkup(text: string, level: ColorLevel): string {
  if (!text.includes('{')) return text;
  return text.replace(TAG, (whole: string, tag: string | undefined) => {
    if (tag === undefined) return '{';
    return tagToAnsi(tag, level) ?? whole;
  });
}

/** Makes text safe to embed in markup: every `{` becomes `{{`. */
export function escapeMarkup(text: string): string {
  return text.replace(/\{/g, '{{');
}

// CSI, OSC/DCS/PM/APC strings, other ESC sequences, a lone ESC, 8-bit CSI.
// eslint-disable-next-line no-control-regex
const ANSI_SEQUENCE = /\x1b\[[0-?]*[ -/]*[@-~]|\x1b[\]PX^_][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[ -/]*[0-~]?|\u009b[0-?]*[ -/]*[@-~]/g;

/** Removes every ANSI escape sequence (colours, cursor movement, titles...). */
export function stripAnsi(text: string): string {
  return text.includes('\x1b') || text.includes('\u009b') ? text.replace(ANSI_SEQUENCE, '') : text;
}

/** The best level a client's capabilities allow. */
export function colorLevelOf(caps: { ansi: boolean; color256: boolean; truecolor: boolean }): ColorLevel {
  if (caps.truecolor) return 'truecolor';
  if (caps.color256) return 'ansi256';
  if (caps.ansi) return 'ansi16';
  return 'none';
}
