/**
 * MUD Server Status Protocol (option 70): how MUD listings learn a game's
 * name, player count, uptime and so on.
 *
 * - Over telnet: `IAC SB MSSP MSSP_VAR <name> MSSP_VAL <value> [MSSP_VAL <value>...] ... IAC SE`.
 * - As plain text, for crawlers that send the line `MSSP-REQUEST`:
 *   `\r\nMSSP-REPLY-START\r\n` then one `NAME\tvalue[\tvalue...]\r\n` per
 *   variable, then `MSSP-REPLY-END\r\n`.
 * Booleans are sent as "1"/"0"; arrays give several values for one variable.
 * Bytes that would break the framing (NUL, VAR, VAL in telnet; TAB, CR, LF in
 * text) are removed from names and values.
 */
import { Opt, subnegotiation } from './constants';

export const MSSP_VAR = 1;
export const MSSP_VAL = 2;

export type MsspValue = string | number | boolean;
export type MsspVariables = Readonly<Record<string, MsspValue | readonly MsspValue[]>>;

function valuesOf(value: MsspValue | readonly MsspValue[]): string[] {
  const list = Array.isArray(value) ? (value as readonly MsspValue[]) : [value as MsspValue];
  return list.map((v) => (typeof v === 'boolean' ? (v ? '1' : '0') : String(v)));
}

// eslint-disable-next-line no-control-regex
const TELNET_UNSAFE = /[\u0000\u0001\u0002]/g;
const TEXT_UNSAFE = /[\t\r\n]/g;

/** The MSSP subnegotiation carrying `vars`. */
export function encodeMssp(vars: MsspVariables): Buffer {
  const parts: Uint8Array[] = [];
  for (const [name, value] of Object.entries(vars)) {
    const cleanName = name.replace(TELNET_UNSAFE, '');
    if (!cleanName) continue;
    parts.push(Uint8Array.of(MSSP_VAR), Buffer.from(cleanName, 'utf8'));
    for (const v of valuesOf(value)) parts.push(Uint8Array.of(MSSP_VAL), Buffer.from(v.replace(TELNET_UNSAFE, ''), 'utf8'));
  }
  return subnegotiation(Opt.MSSP, Buffer.concat(parts));
}

/** The plain-text reply to an `MSSP-REQUEST` line. */
export function encodeMsspText(vars: MsspVariables): string {
  let out = '\r\nMSSP-REPLY-START\r\n';
  for (const [name, value] of Object.entries(vars)) {
    const cleanName = name.replace(TEXT_UNSAFE, ' ').trim();
    if (!cleanName) continue;
    out += [cleanName, ...valuesOf(value).map((v) => v.replace(TEXT_UNSAFE, ' '))].join('\t') + '\r\n';
  }
  return out + 'MSSP-REPLY-END\r\n';
}

/** True for the line a plain-text MSSP crawler sends. */
export function isMsspRequest(line: string): boolean {
  return line.trim() === 'MSSP-REQUEST';
}
