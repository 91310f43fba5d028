export interface ParsedLine {
  /** The command word, lower-cased; empty for a blank line. */
  word: string;
  args: string[];
  /** Text after the command word, trimmed, quotes kept. */
  rest: string;
}

/**
 * Splits a line on whitespace; "double" or 'single' quotes group words, and a
 * backslash escapes the next character. An unclosed quote runs to the end of
 * the line (players mistype; that is not an error). A leading `'` or `"` with
 * no command word is `say`, as in most MUDs.
 */
export function parseCommandLine(line: string): ParsedLine {
  const trimmed = line.trim();
  if (trimmed === '') return { word: '', args: [], rest: '' };
  if (trimmed.startsWith("'") || trimmed.startsWith('"')) {
    const rest = trimmed.slice(1).trim();
    return { word: 'say', args: splitArgs(rest), rest };
  }
  const match = /^(\S+)\s*(.*)$/s.exec(trimmed);
  const word = (match?.[1] ?? '').toLowerCase();
  const rest = match?.[2] ?? '';
  return { word, args: splitArgs(rest), rest };
}

export function splitArgs(text: string): string[] {
  const args: string[] = [];
  let current = '';
  let inToken = false;
  let quote: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (ch === '\\' && i + 1 < text.length) {
      current += text[++i];
      inToken = true;
    } else if (quote) {
      if (ch === quote) quote = undefined;
      else current += ch;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
      inToken = true;
    } else if (/\s/.test(ch)) {
      if (inToken) args.push(current);
      current = '';
      inToken = false;
    } else {
      current += ch;
      inToken = true;
    }
  }
  if (inToken) args.push(current);
  return args;
}
