// Word wrapping for the game's text in the terminal. The game sends
// paragraphs as long lines; xterm.js would cut them at the last column,
// mid-word. This breaks them at spaces instead, for the terminal's current
// width, as the text streams in. ANSI escape sequences take no columns.

const ESC = '\x1b';

/** Where an escape sequence starting at `i` ends (exclusive); CSI `ESC [ ... letter`, or ESC and one character. */
function escapeEnd(text: string, i: number): number {
  if (text[i + 1] !== '[') return Math.min(i + 2, text.length);
  let j = i + 2;
  while (j < text.length && !/[@-~]/.test(text[j] as string)) j++;
  return Math.min(j + 1, text.length);
}

export class WordWrapper {
  /** Visible characters on the current line. */
  private column = 0;

  constructor(private columns: number) {}

  resize(columns: number): void {
    this.columns = Math.max(1, columns);
  }

  /**
   * The text to write to the terminal: line breaks (`\r\n`) put before a
   * word that would cross the right edge, and the space before it dropped.
   * A word longer than a whole line is left to the terminal to cut.
   */
  wrap(text: string): string {
    let out = '';
    let word = '';
    let wordWidth = 0;
    const flushWord = () => {
      if (wordWidth > 0 && this.column > 0 && this.column + wordWidth > this.columns) {
        out = out.replace(/ +$/, '');
        out += '\r\n';
        this.column = 0;
      }
      out += word;
      // A word longer than the line wraps in the terminal, mid-word: follow where it ends.
      let column = this.column + wordWidth;
      while (column > this.columns) column -= this.columns;
      this.column = column;
      word = '';
      wordWidth = 0;
    };
    for (let i = 0; i < text.length; ) {
      const ch = text[i] as string;
      if (ch === ESC) {
        const end = escapeEnd(text, i);
        word += text.slice(i, end);
        i = end;
        continue;
      }
      if (ch === '\n' || ch === '\r') {
        flushWord();
        out += ch;
        this.column = 0;
      } else if (ch === ' ' || ch === '\t') {
        flushWord();
        if (this.column >= this.columns) {
          // A space at the right edge: the line ends here.
          out += '\r\n';
          this.column = 0;
        } else {
          out += ch;
          this.column++;
        }
      } else {
        word += ch;
        wordWidth++;
      }
      i++;
    }
    flushWord();
    return out;
  }
}
