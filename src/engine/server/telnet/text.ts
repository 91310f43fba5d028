/**
 * Game text to what a client receives. `renderText` is transport-neutral
 * (the WebSocket terminal can use it too); `encodeTelnetText` adds the telnet
 * framing.
 */
import { renderMarkup, stripAnsi, type ColorLevel } from './ansi';
import { escapeIac } from './constants';

/** Markup rendered at `level` (at 'none' also any raw ANSI removed), and every line end as CR LF. */
export function renderText(text: string, level: ColorLevel): string {
  let out = renderMarkup(text, level);
  if (level === 'none') out = stripAnsi(out);
  return out.includes('\n') ? out.replace(/\r?\n/g, '\r\n') : out;
}

/** `renderText`, as UTF-8 with any 255 byte doubled. */
export function encodeTelnetText(text: string, level: ColorLevel): Buffer {
  return escapeIac(Buffer.from(renderText(text, level), 'utf8'));
}
