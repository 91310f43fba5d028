import { errorMessage } from '../../engine/host';
import type { LinkFailure } from '../../link/frames';

/** Where a load failed: the loader's error carries the file, line and column (relative to the pack folder). */
export function failureOf(err: unknown): LinkFailure {
  const cause = (err as { cause?: unknown } | undefined)?.cause as { relativeFile?: unknown; line?: unknown; column?: unknown; detail?: unknown; name?: unknown } | undefined;
  if (cause && typeof cause.relativeFile === 'string' && typeof cause.line === 'number') {
    return {
      message: `${typeof cause.name === 'string' ? `${cause.name}: ` : ''}${typeof cause.detail === 'string' ? cause.detail : errorMessage(err)}`,
      phase: 'build',
      file: cause.relativeFile,
      line: cause.line,
      ...(typeof cause.column === 'number' ? { column: cause.column } : {}),
    };
  }
  return { message: errorMessage(err), phase: 'build' };
}
