/**
 * The input line's history, as shells keep it: Up walks back through what
 * was sent, Down walks forward and finally returns to what was being typed.
 * Secret lines (passwords) are never kept; neither are blanks or repeats.
 */
export class InputHistory {
  private readonly lines: string[] = [];
  private cursor = 0;
  private draft = '';

  constructor(private readonly limit = 200) {}

  /** Records a sent line and resets the walk. */
  push(line: string, secret = false): void {
    this.draft = '';
    if (!secret && line.trim() !== '' && this.lines[this.lines.length - 1] !== line) {
      this.lines.push(line);
      if (this.lines.length > this.limit) this.lines.shift();
    }
    this.cursor = this.lines.length;
  }

  /** The line before; `current` is kept as the draft when the walk starts. */
  up(current: string): string {
    if (this.lines.length === 0) return current;
    if (this.cursor === this.lines.length) this.draft = current;
    this.cursor = Math.max(0, this.cursor - 1);
    return this.lines[this.cursor] ?? current;
  }

  /** The line after, or the draft past the newest. */
  down(): string {
    if (this.cursor >= this.lines.length) return this.draft;
    this.cursor++;
    return this.cursor === this.lines.length ? this.draft : (this.lines[this.cursor] ?? this.draft);
  }

  get size(): number {
    return this.lines.length;
  }
}
