/**
 * CHARSET (RFC 2066), used here for one thing: agreeing on UTF-8.
 *
 * A REQUEST may only be sent by a side that has sent WILL CHARSET and
 * received DO CHARSET, so the server offers WILL CHARSET and, once the client
 * answers DO, sends `IAC SB CHARSET REQUEST ";UTF-8" IAC SE`. The client
 * answers ACCEPTED <name> or REJECTED. A client may also send its own REQUEST
 * (when it has said WILL and we DO); we answer ACCEPTED UTF-8 if it offered
 * UTF-8, else REJECTED. Translation tables (TTABLE-*) are not supported and
 * are refused with TTABLE-REJECTED.
 */
import { Opt, subnegotiation } from './constants';

export const CharsetCmd = {
  REQUEST: 1,
  ACCEPTED: 2,
  REJECTED: 3,
  TTABLE_IS: 4,
  TTABLE_REJECTED: 5,
  TTABLE_ACK: 6,
  TTABLE_NAK: 7,
} as const;

export type CharsetMessage =
  | { type: 'request'; charsets: string[] }
  | { type: 'accepted'; charset: string }
  | { type: 'rejected' }
  | { type: 'ttable' };

const MAX_CHARSETS = 32;

/** `IAC SB CHARSET REQUEST <sep><name>[<sep><name>...] IAC SE`, separator ";". */
export function charsetRequest(charsets: readonly string[] = ['UTF-8']): Buffer {
  const body = charsets.map((c) => c.replace(/[;\s]/g, '')).filter(Boolean).map((c) => ';' + c).join('');
  return subnegotiation(Opt.CHARSET, Buffer.concat([Uint8Array.of(CharsetCmd.REQUEST), Buffer.from(body, 'latin1')]));
}

export function charsetAccepted(charset: string): Buffer {
  return subnegotiation(Opt.CHARSET, Buffer.concat([Uint8Array.of(CharsetCmd.ACCEPTED), Buffer.from(charset, 'latin1')]));
}

export function charsetRejected(): Buffer {
  return subnegotiation(Opt.CHARSET, Uint8Array.of(CharsetCmd.REJECTED));
}

export function charsetTtableRejected(): Buffer {
  return subnegotiation(Opt.CHARSET, Uint8Array.of(CharsetCmd.TTABLE_REJECTED));
}

/** Parses a CHARSET subnegotiation payload (after the option byte); null if malformed. */
export function parseCharset(payload: Uint8Array): CharsetMessage | null {
  if (payload.length === 0) return null;
  const text = (from: number): string => Buffer.from(payload.subarray(from)).toString('latin1');
  switch (payload[0]) {
    case CharsetCmd.REQUEST: {
      let rest = text(1);
      // An optional "[TTABLE ]" marker is followed by a one-byte version.
      if (rest.startsWith('[TTABLE]')) rest = rest.slice(9);
      if (rest.length < 2) return { type: 'request', charsets: [] };
      const sep = rest[0]!;
      const charsets = rest
        .slice(1)
        .split(sep)
        .map((c) => c.trim())
        .filter((c) => c.length > 0 && c.length <= 64)
        .slice(0, MAX_CHARSETS);
      return { type: 'request', charsets };
    }
    case CharsetCmd.ACCEPTED: {
      const charset = text(1).trim();
      return charset ? { type: 'accepted', charset } : null;
    }
    case CharsetCmd.REJECTED:
      return { type: 'rejected' };
    case CharsetCmd.TTABLE_IS:
    case CharsetCmd.TTABLE_REJECTED:
    case CharsetCmd.TTABLE_ACK:
    case CharsetCmd.TTABLE_NAK:
      return { type: 'ttable' };
    default:
      return null;
  }
}

/** True for the names UTF-8 goes by. */
export function isUtf8Name(name: string): boolean {
  return /^utf-?8$/i.test(name.trim());
}

/**
 * What to do with a CHARSET message from the client: the bytes to answer with
 * (if any) and the outcome to report — a charset name, null for a rejection
 * of our request, undefined for nothing to report. We accept only UTF-8.
 */
export function answerCharset(message: CharsetMessage, payload: Uint8Array): { reply?: Buffer; outcome?: string | null } {
  switch (message.type) {
    case 'request': {
      const utf8 = message.charsets.find(isUtf8Name);
      return utf8 ? { reply: charsetAccepted(utf8), outcome: utf8 } : { reply: charsetRejected() };
    }
    case 'accepted':
      return { outcome: message.charset };
    case 'rejected':
      return { outcome: null };
    case 'ttable':
      return payload[0] === CharsetCmd.TTABLE_IS ? { reply: charsetTtableRejected() } : {};
  }
}
