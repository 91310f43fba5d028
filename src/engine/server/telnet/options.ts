/**
 * Telnet option negotiation by the Q method of RFC 1143, for both sides of
 * every option:
 * - "us": whether WE perform the option (we send WILL/WONT, the peer DO/DONT);
 * - "him": whether the PEER performs it (we send DO/DONT, the peer WILL/WONT).
 * Each side of each option is in NO, YES, WANTNO or WANTYES, with a one-deep
 * queue (EMPTY or OPPOSITE) for a request made while a negotiation is in
 * flight. Following the method's tables, no exchange can loop.
 *
 * Which proposals from the peer we accept is a policy table. Our own requests
 * (`request`) are always allowed: accepting a peer's DO ECHO and choosing to
 * WILL ECHO for a password prompt are different things.
 *
 * Each refused proposal gets exactly one refusal, and the peer's
 * acknowledgement of it gets none. A peer that proposes again after being
 * refused is answered again: by RFC 1143 that is a new request, and ignoring
 * it would leave the peer waiting in WANTYES, so that a later offer of ours
 * would be taken for the answer and the two sides would disagree. A peer
 * flooding proposals gets one 3-byte answer per 3-byte proposal, which the
 * server's input rate limit bounds.
 */
import { DO, DONT, WILL, WONT, type Verb } from './constants';

export type Side = 'us' | 'him';
export type QState = 'NO' | 'YES' | 'WANTNO' | 'WANTYES';

export interface OptionPolicyEntry {
  /** Accept the peer's DO: we start performing the option when asked. */
  us?: boolean;
  /** Accept the peer's WILL: we let the peer perform the option. */
  him?: boolean;
}

/** Option code -> what we accept from the peer. Options not listed are refused on both sides. */
export type OptionPolicy = Readonly<Record<number, OptionPolicyEntry>>;

export interface OptionNegotiatorHooks {
  /** Sends `IAC <verb> <option>` to the peer. */
  send(verb: Verb, option: number): void;
  /** A side of an option became enabled (YES) or stopped being enabled. */
  onChange?(side: Side, option: number, enabled: boolean): void;
  /** The peer broke the protocol (e.g. answered DONT with WILL); informational. */
  onProtocolError?(side: Side, option: number, message: string): void;
}

/** The verbs we send for a side: [enable, disable]. */
function verbsFor(side: Side): readonly [Verb, Verb] {
  return side === 'us' ? [WILL, WONT] : [DO, DONT];
}

interface SideState {
  state: QState;
  opposite: boolean;
}

export class OptionNegotiator {
  private readonly sides = { us: new Map<number, SideState>(), him: new Map<number, SideState>() };

  constructor(
    private readonly policy: OptionPolicy,
    private readonly hooks: OptionNegotiatorHooks,
  ) {}

  /** The Q-method state of one side of an option. */
  state(side: Side, option: number): QState {
    return this.sides[side].get(option)?.state ?? 'NO';
  }

  /** True when the side of the option is in YES. */
  enabled(side: Side, option: number): boolean {
    return this.state(side, option) === 'YES';
  }

  /** True when a request for this side is queued behind the negotiation in flight. */
  queued(side: Side, option: number): boolean {
    return this.sides[side].get(option)?.opposite ?? false;
  }

  /**
   * Asks to enable or disable a side of an option: `request('us', ECHO, true)`
   * sends WILL ECHO, `request('him', NAWS, true)` sends DO NAWS. Returns false
   * when the request changes nothing (already there, or already asked).
   */
  request(side: Side, option: number, enable: boolean): boolean {
    const s = this.get(side, option);
    const [yes, no] = verbsFor(side);
    if (enable) {
      switch (s.state) {
        case 'NO':
          s.state = 'WANTYES';
          this.hooks.send(yes, option);
          return true;
        case 'YES':
          return false;
        case 'WANTNO':
          if (s.opposite) return false;
          s.opposite = true;
          return true;
        case 'WANTYES':
          if (!s.opposite) return false;
          s.opposite = false;
          return true;
      }
    } else {
      switch (s.state) {
        case 'NO':
          return false;
        case 'YES':
          s.state = 'WANTNO';
          this.hooks.send(no, option);
          this.hooks.onChange?.(side, option, false);
          return true;
        case 'WANTNO':
          if (!s.opposite) return false;
          s.opposite = false;
          return true;
        case 'WANTYES':
          if (s.opposite) return false;
          s.opposite = true;
          return true;
      }
    }
    return false;
  }

  /** Handles `IAC <verb> <option>` from the peer. */
  receive(verb: Verb, option: number): void {
    const option8 = option & 0xff;
    if (verb === WILL || verb === WONT) this.receiveOn('him', option8, verb === WILL);
    else if (verb === DO || verb === DONT) this.receiveOn('us', option8, verb === DO);
  }

  private receiveOn(side: Side, option: number, positive: boolean): void {
    const s = this.get(side, option);
    const [yes, no] = verbsFor(side);
    if (positive) {
      switch (s.state) {
        case 'NO':
          if (this.accepts(side, option)) {
            s.state = 'YES';
            this.hooks.send(yes, option);
            this.hooks.onChange?.(side, option, true);
          } else {
            this.hooks.send(no, option);
          }
          return;
        case 'YES':
          return;
        case 'WANTNO':
          this.hooks.onProtocolError?.(side, option, `${side === 'us' ? 'WONT' : 'DONT'} answered by ${side === 'us' ? 'DO' : 'WILL'}`);
          if (s.opposite) {
            s.state = 'YES';
            s.opposite = false;
            this.hooks.onChange?.(side, option, true);
          } else {
            s.state = 'NO';
          }
          return;
        case 'WANTYES':
          if (s.opposite) {
            s.state = 'WANTNO';
            s.opposite = false;
            this.hooks.send(no, option);
          } else {
            s.state = 'YES';
            this.hooks.onChange?.(side, option, true);
          }
          return;
      }
    } else {
      switch (s.state) {
        case 'NO':
          return;
        case 'YES':
          s.state = 'NO';
          this.hooks.send(no, option);
          this.hooks.onChange?.(side, option, false);
          return;
        case 'WANTNO':
          if (s.opposite) {
            s.state = 'WANTYES';
            s.opposite = false;
            this.hooks.send(yes, option);
          } else {
            s.state = 'NO';
          }
          return;
        case 'WANTYES':
          s.state = 'NO';
          s.opposite = false;
          return;
      }
    }
  }

  private accepts(side: Side, option: number): boolean {
    return this.policy[option]?.[side] === true;
  }

  private get(side: Side, option: number): SideState {
    const map = this.sides[side];
    let s = map.get(option);
    if (!s) {
      s = { state: 'NO', opposite: false };
      map.set(option, s);
    }
    return s;
  }
}
