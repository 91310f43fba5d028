/** Which peer proposals a MAID server accepts, and what it offers on connect. */
import { Opt } from './constants';
import type { OptionPolicy, OptionPolicyEntry } from './options';

/**
 * Accepted proposals. ECHO is deliberately not accepted from the peer: we
 * only WILL ECHO on our own initiative, to hide a password being typed.
 */
export const DEFAULT_OPTION_POLICY: OptionPolicy = Object.freeze({
  [Opt.SGA]: { us: true, him: true },
  [Opt.TTYPE]: { him: true },
  [Opt.EOR]: { us: true },
  [Opt.NAWS]: { him: true },
  [Opt.CHARSET]: { us: true, him: true },
  [Opt.MSSP]: { us: true },
  [Opt.MCCP2]: { us: true },
  [Opt.GMCP]: { us: true },
});

/** What a fresh connection offers. Each offer can be switched off. */
export interface TelnetOffers {
  /** WILL GMCP */
  gmcp: boolean;
  /** WILL MSSP */
  mssp: boolean;
  /** WILL MCCP2 */
  mccp2: boolean;
  /** WILL EOR (prompts end with IAC EOR once agreed) */
  eor: boolean;
  /** WILL SGA (no IAC GA after prompts once agreed, unless EOR is on) */
  sga: boolean;
  /** DO NAWS */
  naws: boolean;
  /** DO TTYPE (then the MTTS cycle) */
  ttype: boolean;
  /** WILL CHARSET (then a REQUEST for UTF-8) */
  charset: boolean;
}

export const DEFAULT_OFFERS: Readonly<TelnetOffers> = Object.freeze({
  gmcp: true, mssp: true, mccp2: true, eor: true, sga: true, naws: true, ttype: true, charset: true,
});

/** The side and option of each offer, in the order they are sent. */
export const OFFER_ORDER: ReadonlyArray<readonly [keyof TelnetOffers, 'us' | 'him', number]> = [
  ['gmcp', 'us', Opt.GMCP],
  ['mssp', 'us', Opt.MSSP],
  ['mccp2', 'us', Opt.MCCP2],
  ['eor', 'us', Opt.EOR],
  ['sga', 'us', Opt.SGA],
  ['naws', 'him', Opt.NAWS],
  ['ttype', 'him', Opt.TTYPE],
  ['charset', 'us', Opt.CHARSET],
];

/** The policy with acceptance removed for every side whose offer is switched off. */
export function policyForOffers(base: OptionPolicy, offers: Readonly<TelnetOffers>): OptionPolicy {
  const out: Record<number, OptionPolicyEntry> = {};
  for (const [key, value] of Object.entries(base)) out[Number(key)] = { ...value };
  for (const [name, side, option] of OFFER_ORDER) {
    if (offers[name]) continue;
    const entry = out[option];
    if (entry) entry[side] = false;
  }
  return out;
}
