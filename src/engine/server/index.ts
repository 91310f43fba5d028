/** The game server: telnet and WebSocket endpoints, sessions, login, and the world's persistence. */
export { GameServer, type ServerAddresses, type ServerStats } from './game-server';
export { limitsFrom, DEFAULT_PROMPT, DEFAULT_MAX_LOGIN_ATTEMPTS, type GameServerOptions, type ServerLimits } from './options';
export { GameSession, type SessionState } from './session/game-session';
export type { PlayingCharacter, Transport, TransportCaps, TransportHandlers, TransportLimit, TransportProtocol } from './session/transport';
export { AccountService, type AuthResult, type RegisterResult } from './login/accounts';
export { LoginFlow, LOGIN_TEXT, type LoginIO, type LoginOutcome } from './login/login-flow';
export { GMCP_SUBPROTOCOL } from './endpoints/websocket-transport';
export { msspVariables, type MsspFacts } from './mssp-variables';
