/**
 * One engine host process: spawned with an IPC channel, its frames checked
 * as they arrive (a malformed one is logged, at most once per window, and
 * dropped), its exit reported once. The supervisor decides what to do.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { RepeatedWarnings } from '../engine/core/repeated-warnings';
import type { GcThreads } from '../engine/core/settings';
import type { Logger } from '../engine/host';
import type { GatewayFrame, ReceivedEngineFrame } from '../link/frames';
import { checkEngineFrame } from '../link/validate';
import { gcExecArgv } from './gc-threads';

/** The engine host's entry: registers the TypeScript loader, then runs src/engine-host/main.ts. */
export const ENGINE_HOST_ENTRY = fileURLToPath(new URL('../../bin/engine-host.mjs', import.meta.url));

/**
 * Extra Node options for every engine process, split at spaces, from
 * MAID_ENGINE_EXEC_ARGV: a developer's knob for profiling the engine behind
 * a gateway (`MAID_ENGINE_EXEC_ARGV="--cpu-prof --cpu-prof-dir=/tmp/prof"`;
 * a profile is written when the process exits cleanly).
 */
function extraExecArgv(): string[] {
  return (process.env.MAID_ENGINE_EXEC_ARGV ?? '').split(' ').filter((a) => a !== '');
}

export interface EngineExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface EngineProcessOptions {
  logger: Logger;
  /** The heap limit, applied as --max-old-space-size. */
  memoryMb: number;
  /** Its garbage collection on one thread or several (gc-threads.ts). */
  gcThreads: GcThreads;
  onFrame(frame: ReceivedEngineFrame): void;
  onExit(exit: EngineExit): void;
  /** Another entry (tests that run a misbehaving host); default the engine host. */
  entry?: string;
}

export class EngineProcess {
  private readonly child: ChildProcess;
  private readonly warnings: RepeatedWarnings;
  private exited = false;

  constructor(private readonly options: EngineProcessOptions) {
    this.warnings = new RepeatedWarnings(options.logger);
    this.child = fork(options.entry ?? ENGINE_HOST_ENTRY, [], {
      execArgv: [`--max-old-space-size=${options.memoryMb}`, ...gcExecArgv(options.gcThreads), ...extraExecArgv()],
      serialization: 'advanced',
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    this.child.on('message', (raw: unknown) => this.receive(raw));
    this.child.on('error', (err) => options.logger.error(`Engine process: ${err.message}`));
    this.child.on('exit', (code, signal) => {
      if (this.exited) return;
      this.exited = true;
      options.onExit({ code, signal });
    });
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  get isRunning(): boolean {
    return !this.exited;
  }

  /** Sends a frame; false when the process is gone (what it carried is the caller's to keep or drop). */
  send(frame: GatewayFrame): boolean {
    if (this.exited || !this.child.connected) return false;
    try {
      this.child.send(frame);
      return true;
    } catch {
      return false; // the channel closed between the check and the send
    }
  }

  /** Ends the process at once (it ran away, or did not stop in time). */
  kill(): void {
    if (!this.exited) this.child.kill('SIGKILL');
  }

  private receive(raw: unknown): void {
    const checked = checkEngineFrame(raw);
    if (!checked.ok) {
      this.warnings.log('malformed', `Gateway dropped a frame from the engine: ${checked.reason}`);
      return;
    }
    if (checked.dropped > 0) this.warnings.log('malformed-items', `Gateway dropped ${checked.dropped} malformed item(s) of a batch from the engine`);
    this.options.onFrame(checked.frame);
  }
}

/** How an exit reads in the log: "exit code 3", "killed by SIGKILL". */
export function describeExit(exit: EngineExit): string {
  if (exit.signal) return `killed by ${exit.signal}`;
  return `exit code ${exit.code ?? '?'}`;
}
