import type { ContentProblem } from './types';

/** How many problems an error's message lists after the first. */
const MORE = 5;

/**
 * A pack's content is not valid. Carries the first problem's place as
 * file/line/column (what the reload timeline shows and the studio marks),
 * and every problem.
 */
export class ContentError extends Error {
  readonly file: string;
  readonly line: number;
  readonly column: number;

  constructor(
    readonly packName: string,
    readonly problems: ContentProblem[],
  ) {
    const [first, ...rest] = problems;
    const more = rest.slice(0, MORE).map((p) => `${p.file}:${p.line}:${p.column}: ${p.message}`);
    const tail = rest.length > MORE ? `; and ${rest.length - MORE} more` : '';
    super(`${first?.message ?? 'invalid content'}${more.length > 0 ? `; also ${more.join('; ')}${tail}` : ''}`);
    this.name = 'ContentError';
    this.file = first?.file ?? '';
    this.line = first?.line ?? 1;
    this.column = first?.column ?? 1;
  }

  /** The first problem with its place, as a log line has it. */
  get where(): string {
    return `${this.file}:${this.line}:${this.column}`;
  }
}
