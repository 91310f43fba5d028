// The game's WebSocket protocol, `gmcp.mudstandards.org`: binary frames
// carry the game's text (UTF-8 with ANSI colour) both ways, text frames
// carry GMCP messages, `Package.Name <json>`. Everything the terminal
// assumes about the server is in this file.

export const SUBPROTOCOL = 'gmcp.mudstandards.org';

/** What the terminal appends to a line it sends. */
export const LINE_END = '\r\n';

/** GMCP the terminal sends to report its size (NAWS has no frame of its own on this subprotocol). */
export const WINDOW_SIZE_PACKAGE = 'Core.Window';

/** GMCP a server may send to switch local echo (password entry): `Core.Echo {"echo": false}`. */
export const ECHO_PACKAGE = 'Core.Echo';

export interface GmcpMessage {
  package: string;
  data: unknown;
}

/** `Char.Vitals {"hp": 10}` -> { package, data }; null when it is not GMCP. */
export function parseGmcp(text: string): GmcpMessage | null {
  const match = /^\s*([A-Za-z_][\w-]*(?:\.[\w-]+)*)(?:\s+([\s\S]*))?$/.exec(text);
  if (!match) return null;
  const rest = match[2]?.trim() ?? '';
  if (rest === '') return { package: match[1]!, data: undefined };
  try {
    return { package: match[1]!, data: JSON.parse(rest) as unknown };
  } catch {
    return null;
  }
}

export function formatGmcp(pkg: string, data?: unknown): string {
  return data === undefined ? pkg : `${pkg} ${JSON.stringify(data)}`;
}

/** Local echo as the server asks over GMCP, or undefined when the message is about something else. */
export function echoFromGmcp(message: GmcpMessage): boolean | undefined {
  if (message.package.toLowerCase() !== ECHO_PACKAGE.toLowerCase()) return undefined;
  const d = message.data;
  if (typeof d === 'boolean') return d;
  if (d && typeof d === 'object' && typeof (d as { echo?: unknown }).echo === 'boolean') return (d as { echo: boolean }).echo;
  return undefined;
}

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;?]*[ -/]*[@-~]|\u001b[()][A-Za-z0-9]|\u001b[@-Z\\-_]/g;

export function stripAnsi(text: string): string {
  return text.replace(ANSI, '');
}

/** True when the text the server sent last ends by asking for a password (mask the next input). */
export function asksForPassword(recentOutput: string): boolean {
  const lastLine = stripAnsi(recentOutput).split(/\r?\n/).filter((l) => l.trim() !== '').pop() ?? '';
  return /pass(word|phrase)[^\n]*[:?>]\s*$/i.test(lastLine);
}
