/** What the server tells MUD listings about itself (MSSP, over telnet or as a plain-text reply). */
import type { MsspVariables } from './telnet/mssp';

export interface MsspFacts {
  name: string;
  players: number;
  /** When the server started, epoch ms. */
  startedAt: number;
  telnetPort: number;
  webSocketPort?: number;
}

export function msspVariables(facts: MsspFacts): MsspVariables {
  return {
    NAME: facts.name,
    PLAYERS: facts.players,
    // MSSP wants the start time in seconds since the epoch, not a duration.
    UPTIME: Math.floor(facts.startedAt / 1000),
    CODEBASE: 'MAID',
    PORT: facts.telnetPort,
    ...(facts.webSocketPort !== undefined ? { 'WEBSOCKET PORT': facts.webSocketPort } : {}),
    'CRAWL DELAY': -1,
    ANSI: true,
    'UTF-8': true,
    'XTERM 256 COLORS': true,
    'XTERM TRUE COLORS': true,
    GMCP: true,
    MCCP: true,
    MSSP: true,
    MSDP: false,
    MXP: false,
    PUEBLO: false,
    VT100: false,
  };
}
