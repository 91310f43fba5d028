/**
 * The engine host's process: started by the gateway with an IPC channel,
 * it waits for the `start` frame, boots the engine, then serves frames
 * until told to stop or until the gateway goes away.
 */
import { RepeatedWarnings } from '../engine/core/repeated-warnings';
import { stopRunawayLocator } from '../engine/core/runaway-locator';
import { startSignalCutOff, stopSignalCutOff } from '../engine/core/runaway-signal';
import { consoleSink, Logger } from '../engine/host';
import { LINK_PROTOCOL_VERSION, type EngineFrame } from '../link/frames';
import { checkGatewayFrame } from '../link/validate';
import { EngineHost } from './engine-host';

function send(frame: EngineFrame): void {
  if (process.connected) process.send?.(frame);
}

/** Sends a last frame and exits once it is written (an exit right after a send could lose it). */
function sendAndExit(frame: EngineFrame, code: number): void {
  if (!process.connected || !process.send) process.exit(code);
  process.send(frame, undefined, {}, () => process.exit(code));
  setTimeout(() => process.exit(code), 2000).unref();
}

export function runEngineHost(): void {
  if (!process.send) {
    process.stderr.write('The engine host runs under a gateway (maid server start, the studio), not on its own.\n');
    process.exit(2);
  }
  // Ctrl-C reaches the whole process group: the gateway decides, and tells this process to stop.
  // Runaway batches are cut off by SIGINT here (runaway-signal.ts), and then Node's SIGINT helper
  // takes the signal; where that is not available, a listener ignores it.
  void startSignalCutOff().then((bySignal) => {
    if (!bySignal) process.on('SIGINT', () => {});
  });
  const bootLog = new Logger('WARNING', [consoleSink]);
  let log = bootLog;
  let warnings = new RepeatedWarnings(bootLog);
  let host: EngineHost | undefined;
  let booting = false;

  const exitWhenStopped = async (restart: boolean) => {
    await host?.stop(restart).catch((err) => log.error(`The engine did not stop cleanly: ${String(err)}`));
    warnings.flush();
    await stopRunawayLocator();
    await stopSignalCutOff();
    sendAndExit({ t: 'stopped' }, 0);
  };

  process.on('message', (raw: unknown) => {
    const checked = checkGatewayFrame(raw);
    if (!checked.ok) {
      warnings.log('malformed', `Engine host dropped a frame from the gateway: ${checked.reason}`);
      return;
    }
    if (checked.dropped > 0) warnings.log('malformed-items', `Engine host dropped ${checked.dropped} malformed item(s) of a batch from the gateway`);
    const frame = checked.frame;
    if (frame.t === 'start') {
      if (booting) return;
      booting = true;
      if (frame.version !== LINK_PROTOCOL_VERSION) {
        sendAndExit({ t: 'fatal', message: `The gateway speaks link protocol ${frame.version}, this engine host ${LINK_PROTOCOL_VERSION}: run both from the same checkout` }, 1);
        return;
      }
      EngineHost.boot(frame.config, send).then(
        (booted) => {
          host = booted;
          log = booted.engine.logger;
          warnings = new RepeatedWarnings(log);
        },
        (err: unknown) => sendAndExit({ t: 'fatal', message: err instanceof Error ? err.message : String(err) }, 1),
      );
      return;
    }
    if (frame.t === 'stop') {
      void exitWhenStopped(frame.restart);
      return;
    }
    host?.handle(frame);
  });
  // The gateway is gone (it crashed, or was killed): save what the last tick committed and end.
  process.on('disconnect', () => void exitWhenStopped(false));
  process.on('SIGTERM', () => void exitWhenStopped(false));
  send({ t: 'hello', version: LINK_PROTOCOL_VERSION, pid: process.pid });
}
