import type { REPLServer } from 'node:repl';

const isThenable = (value: unknown): value is PromiseLike<unknown> =>
  (typeof value === 'object' || typeof value === 'function') && value !== null && typeof (value as { then?: unknown }).then === 'function';

/**
 * Makes the shell wait for a Promise an expression gives and print what it
 * resolves to: `tick(5)` prints `5`, `reload('combat')` its result, as with
 * `await` in front. An assignment (`const p = tick(5)`) keeps the Promise.
 */
export function autoAwait(server: REPLServer): void {
  const evaluate = server.eval;
  const wrapped: typeof server.eval = (code, context, file, done) =>
    evaluate.call(server, code, context, file, (err, result) => {
      if (err || !isThenable(result)) return done(err, result);
      Promise.resolve(result).then(
        (value) => done(null, value),
        (reason: unknown) => done(reason instanceof Error ? reason : new Error(String(reason)), undefined),
      );
    });
  // The REPL calls `this.eval` for every line; replacing it keeps its own evaluation (top-level await included).
  (server as { eval: typeof server.eval }).eval = wrapped;
}
