import type { Logger } from '../engine';

/**
 * Resolves on the first Ctrl-C (SIGINT) or SIGTERM, so the caller can stop
 * cleanly. A second signal while it stops exits at once: someone who presses
 * Ctrl-C twice means it.
 */
export function untilStopSignal(log: Logger, stopping = 'stopping'): Promise<string> {
  return new Promise((resolve) => {
    let received = false;
    const onSignal = (signal: NodeJS.Signals) => {
      if (received) {
        log.warn(`Received ${signal} again, exiting without finishing the shutdown`);
        process.exit(130);
      }
      received = true;
      log.info(`Received ${signal}, ${stopping}`);
      resolve(signal);
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });
}
