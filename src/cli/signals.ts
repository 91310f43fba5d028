import type { Logger } from '../engine/host';

export interface StopSignalOptions {
  /** What the first signal starts: `stopping`, `stopping the watch`. */
  stopping?: string;
  /** What a clean stop has to wait for right now (`the reload of pack 'combat'`); said after the first signal. */
  waitingFor?: () => string[];
  /** Said when a second signal stops at once: what is kept (`the world as committed at tick 120`). */
  kept?: () => string;
  /** How often to say again what the stop still waits for, in ms. */
  remindEveryMs?: number;
  /** Runs before a second signal exits at once (the gateway kills the engine process, so nothing runs on after). */
  beforeForcedExit?: () => void;
}

/**
 * Resolves on the first Ctrl-C (SIGINT) or SIGTERM, so the caller can stop
 * cleanly, and says what that stop waits for (a slow reload, say). A second
 * signal while it stops exits at once: someone who presses Ctrl-C twice
 * means it. Signal handlers run between tasks, never inside one, so the
 * exit comes after the last tick's commit, never half-way through it.
 */
export function untilStopSignal(log: Logger, options: StopSignalOptions = {}): Promise<string> {
  const { stopping = 'stopping', waitingFor = () => [], kept, remindEveryMs = 5000, beforeForcedExit } = options;
  return new Promise((resolve) => {
    let received = false;
    const sayWaiting = (prefix: string) => {
      const waits = waitingFor();
      if (waits.length > 0) log.info(`${prefix} ${waits.join(', ')} to finish; press Ctrl-C again to stop at once`);
      return waits.length > 0;
    };
    const onSignal = (signal: NodeJS.Signals) => {
      if (received) {
        log.warn(`Received ${signal} again, stopping at once without finishing the shutdown${kept ? `: ${kept()}` : ''}`);
        beforeForcedExit?.();
        process.exit(130);
      }
      received = true;
      log.info(`Received ${signal}, ${stopping}`);
      if (sayWaiting('Waiting for')) {
        const reminder = setInterval(() => {
          if (!sayWaiting('Still waiting for')) clearInterval(reminder);
        }, remindEveryMs);
        reminder.unref();
      }
      resolve(signal);
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });
}
