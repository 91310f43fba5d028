/**
 * Exit codes scripts can rely on (documented in docs/cli.md):
 * 0 done; 1 the operation ran and failed (a reload rolled back, a pack test
 * failed, a pack would be overwritten, the server could not start);
 * 2 the command line or configuration is wrong (unknown command or option,
 * bad value, missing argument, no such pack or module); 3 there is no
 * running server to talk to; 4 the server refused the token.
 */
export const EXIT = { ok: 0, failure: 1, usage: 2, noServer: 3, unauthorized: 4 } as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];
