/**
 * Telnet byte values (RFC 854/855) and the option codes MAID negotiates.
 * Command names are the RFC's; `EOR` here is the end-of-record *command*
 * (239, RFC 885) — the EOR *option* (25) is `Opt.EOR`.
 */

export const IAC = 255;
export const DONT = 254;
export const DO = 253;
export const WONT = 252;
export const WILL = 251;
export const SB = 250;
export const GA = 249;
export const EL = 248;
export const EC = 247;
export const AYT = 246;
export const AO = 245;
export const IP = 244;
export const BRK = 243;
export const DM = 242;
export const NOP = 241;
export const SE = 240;
export const EOR = 239;

/** The four negotiation verbs. */
export type Verb = typeof WILL | typeof WONT | typeof DO | typeof DONT;

export function isVerb(byte: number): byte is Verb {
  return byte === WILL || byte === WONT || byte === DO || byte === DONT;
}

/** Option codes. */
export const Opt = {
  ECHO: 1,
  SGA: 3,
  TTYPE: 24,
  EOR: 25,
  NAWS: 31,
  CHARSET: 42,
  MSSP: 70,
  MCCP2: 86,
  GMCP: 201,
} as const;
export type KnownOption = (typeof Opt)[keyof typeof Opt];

const COMMAND_NAMES: Readonly<Record<number, string>> = {
  [IAC]: 'IAC', [DONT]: 'DONT', [DO]: 'DO', [WONT]: 'WONT', [WILL]: 'WILL', [SB]: 'SB', [GA]: 'GA',
  [EL]: 'EL', [EC]: 'EC', [AYT]: 'AYT', [AO]: 'AO', [IP]: 'IP', [BRK]: 'BRK', [DM]: 'DM', [NOP]: 'NOP',
  [SE]: 'SE', [EOR]: 'EOR',
};

const OPTION_NAMES: Readonly<Record<number, string>> = Object.fromEntries(Object.entries(Opt).map(([name, code]) => [code, name]));

/** "WILL", "GA", ... or the decimal value. For logs and test failure messages. */
export function commandName(byte: number): string {
  return COMMAND_NAMES[byte] ?? String(byte);
}

/** "GMCP", "NAWS", ... or the decimal value. */
export function optionName(option: number): string {
  return OPTION_NAMES[option] ?? String(option);
}

/** Doubles every 255 byte, as telnet requires of data and of subnegotiation payloads. */
export function escapeIac(bytes: Uint8Array): Buffer {
  const view = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // Game text is UTF-8, which never holds a 255 byte: find out natively (memchr) rather than byte by byte in JS.
  let at = view.indexOf(IAC);
  if (at < 0) return view;
  let count = 0;
  while (at >= 0) {
    count++;
    at = view.indexOf(IAC, at + 1);
  }
  const out = Buffer.allocUnsafe(view.length + count);
  let j = 0;
  for (let i = 0; i < view.length; i++) {
    const b = view[i] as number;
    out[j++] = b;
    if (b === IAC) out[j++] = IAC;
  }
  return out;
}

/** `IAC <verb> <option>`. */
export function negotiation(verb: Verb, option: number): Buffer {
  return Buffer.from([IAC, verb, option & 0xff]);
}

/** `IAC SB <option> <payload, IAC doubled> IAC SE`. */
export function subnegotiation(option: number, payload: Uint8Array = new Uint8Array(0)): Buffer {
  const body = escapeIac(payload);
  const out = Buffer.allocUnsafe(body.length + 5);
  out[0] = IAC;
  out[1] = SB;
  out[2] = option & 0xff;
  body.copy(out, 3);
  out[body.length + 3] = IAC;
  out[body.length + 4] = SE;
  return out;
}
