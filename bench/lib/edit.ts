/**
 * A benchmark's edit of a source file: it must change the file. A plain
 * `replace()` whose target text has moved changes nothing, and a bench
 * waiting for the reload of that "change" waits for ever.
 */
export function replaceOrFail(text: string, from: string | RegExp, to: string, where: string): string {
  const next = text.replace(from, to);
  if (next === text) {
    throw new Error(`bench edit: ${typeof from === 'string' ? JSON.stringify(from) : String(from)} is not in ${where} (or replacing it changes nothing); update the bench to the file's current text`);
  }
  return next;
}

/** `promise`, or a rejection saying what did not happen within `ms`. */
export function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`bench: ${what} did not happen within ${ms / 1000} s`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
