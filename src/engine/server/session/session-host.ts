/** What a GameSession asks of the server that owns it. */
import type { Logger } from '../../core/logger';
import type { GameEngine } from '../../engine';
import type { LoginFlow, LoginIO, LoginOutcome } from '../login/login-flow';
import type { ServerLimits } from '../options';
import type { GameSession } from './game-session';

export interface SessionHost {
  readonly engine: GameEngine;
  readonly limits: ServerLimits;
  readonly logger: Logger;
  /** The prompt after each command. */
  readonly prompt: string;
  /** How long to wait for the client's terminal answers before the banner. */
  readonly negotiationTimeoutMs: number;
  createLogin(io: LoginIO): LoginFlow;
  /** The session has output waiting: flush it at the end of the tick. */
  outputPending(session: GameSession): void;
  /** Puts the logged-in player's character in the world (taking over an older session of it). */
  enterWorld(session: GameSession, outcome: LoginOutcome): Promise<void>;
  /** A GMCP message from the client that the transport did not handle itself. */
  clientData(session: GameSession, pkg: string, data: unknown): void;
  /** The session is over; `wasPlaying` when it had a character in the world. */
  sessionEnded(session: GameSession, reason: string, wasPlaying: boolean): void;
}
