import { errorMessage } from './core/errors';
import type { GameEngine } from './engine';

/** What happened to an error that reached the process outside any engine call. */
export interface UncaughtPackError {
  kind: 'uncaught-exception' | 'unhandled-rejection';
  /** The pack whose code threw, when a frame of its code is on the stack. */
  packName?: string;
  /** The error as one line, at its original file:line:column when it is pack code. */
  text: string;
  /** The process goes on ('continue'), or exits because the error is not from a pack and the engine's state cannot be trusted ('exit'). */
  outcome: 'continue' | 'exit';
}

export interface ProcessErrorOptions {
  /** Told of each error after it is logged (a host process reporting it). */
  onError?: (report: UncaughtPackError) => void;
  /**
   * An uncaught exception no pack frame explains ends the process (default
   * true, as Node would: the engine itself may be broken). The studio passes
   * false: its window and editor must keep answering whatever happens.
   */
  exitWhenNotFromPack?: boolean;
  /** Ends the process; tests replace it. Default `process.exit`. */
  exit?: (code: number) => void;
}

/**
 * Keeps errors thrown by pack code outside any engine call (a global
 * `setTimeout`, a promise nobody awaited) from ending the process: each is
 * logged at its source-mapped pack file and line, and the game goes on.
 * An uncaught exception that no pack frame explains is logged with its
 * stack and (unless `exitWhenNotFromPack` is false) ends the process, as
 * Node would, since the engine may be broken. Unhandled rejections never end it.
 *
 * For the one that owns the process (`maid server start`, the studio's
 * entries); importing the engine installs nothing. Returns the uninstaller.
 */
export function reportUncaughtPackErrors(engine: GameEngine, options: ProcessErrorOptions = {}): () => void {
  const handle = uncaughtErrorHandler(engine, options);
  const onException = (err: unknown) => void handle('uncaught-exception', err);
  const onRejection = (reason: unknown) => void handle('unhandled-rejection', reason);
  process.on('uncaughtException', onException);
  process.on('unhandledRejection', onRejection);
  return () => {
    process.off('uncaughtException', onException);
    process.off('unhandledRejection', onRejection);
  };
}

/** What the process handlers do with one error: log it, tell `onError`, and end the process only when it must. */
export function uncaughtErrorHandler(engine: GameEngine, options: ProcessErrorOptions = {}): (kind: UncaughtPackError['kind'], err: unknown) => UncaughtPackError {
  const exit = options.exit ?? ((code: number) => process.exit(code));
  return (kind, err) => {
    const origin = engine.hotReload.errorOrigin(err);
    const fatal = kind === 'uncaught-exception' && !origin && options.exitWhenNotFromPack !== false;
    const report: UncaughtPackError = {
      kind,
      ...(origin ? { packName: origin.packName } : {}),
      text: origin?.text ?? (err instanceof Error && err.stack ? err.stack : errorMessage(err)),
      outcome: fatal ? 'exit' : 'continue',
    };
    const what = kind === 'uncaught-exception' ? 'Uncaught error' : 'Unhandled promise rejection';
    if (origin) engine.logger.error(`${what} from pack '${origin.packName}', outside any engine call: ${origin.text}; the game goes on`);
    else engine.logger.error(`${what} outside any engine call: ${report.text}${fatal ? '; not from pack code, so the server stops' : ''}`);
    try {
      options.onError?.(report);
    } finally {
      if (fatal) exit(1);
    }
    return report;
  };
}
