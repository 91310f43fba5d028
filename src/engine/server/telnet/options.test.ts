import { describe, expect, it } from 'vitest';
import { DO, DONT, Opt, WILL, WONT, commandName, type Verb } from './constants';
import { OptionNegotiator, type OptionPolicy, type Side } from './options';

const ALL: OptionPolicy = { [Opt.NAWS]: { us: true, him: true }, [Opt.ECHO]: { us: true, him: true }, [Opt.SGA]: { us: true, him: true } };

function recorder(policy: OptionPolicy) {
  const sent: string[] = [];
  const changes: string[] = [];
  const errors: string[] = [];
  const n = new OptionNegotiator(policy, {
    send: (verb, option) => sent.push(`${commandName(verb)} ${option}`),
    onChange: (side, option, enabled) => changes.push(`${side} ${option} ${enabled ? 'on' : 'off'}`),
    onProtocolError: (_s, _o, m) => errors.push(m),
  });
  return { n, sent, changes, errors };
}

/** Two negotiators wired back to back; `pump` delivers until quiet and fails on anything that looks like a loop. */
function pair(policyA: OptionPolicy, policyB: OptionPolicy) {
  const toB: Array<[Verb, number]> = [];
  const toA: Array<[Verb, number]> = [];
  const wire: string[] = [];
  const a = new OptionNegotiator(policyA, { send: (v, o) => (toB.push([v, o]), wire.push(`A>${commandName(v)}`)) });
  const b = new OptionNegotiator(policyB, { send: (v, o) => (toA.push([v, o]), wire.push(`B>${commandName(v)}`)) });
  const pump = (): void => {
    for (let steps = 0; toA.length + toB.length > 0; steps++) {
      if (steps > 50) throw new Error('negotiation loop: ' + wire.join(' '));
      // Deliver in flight together, as crossing packets do.
      const forB = toB.splice(0);
      const forA = toA.splice(0);
      for (const [v, o] of forB) b.receive(v, o);
      for (const [v, o] of forA) a.receive(v, o);
    }
  };
  return { a, b, pump, wire };
}

describe('OptionNegotiator (RFC 1143 Q method)', () => {
  it('accepts a WILL once and ignores a repeated WILL', () => {
    const { n, sent, changes } = recorder(ALL);
    n.receive(WILL, Opt.NAWS);
    n.receive(WILL, Opt.NAWS);
    expect(sent).toEqual([`DO ${Opt.NAWS}`]);
    expect(changes).toEqual([`him ${Opt.NAWS} on`]);
    expect(n.enabled('him', Opt.NAWS)).toBe(true);
  });

  it('refuses an unknown option exactly once per proposal, and never answers the acknowledgement', () => {
    const { n, sent, changes } = recorder(ALL);
    n.receive(WILL, 99);
    n.receive(WONT, 99); // the peer acknowledges our DONT: no answer
    n.receive(DO, 99);
    n.receive(DONT, 99); // likewise
    expect(sent).toEqual(['DONT 99', 'WONT 99']);
    expect(changes).toEqual([]);
    expect(n.state('him', 99)).toBe('NO');
    expect(n.state('us', 99)).toBe('NO');
  });

  it('a refused peer that asks again is answered again (a new request), and a pair settles', () => {
    const { a, b, pump, wire } = pair(ALL, {});
    a.request('him', Opt.NAWS, true);
    pump();
    a.request('him', Opt.NAWS, true);
    pump();
    expect(wire).toEqual(['A>DO', 'B>WONT', 'A>DO', 'B>WONT']);
    expect(a.state('him', Opt.NAWS)).toBe('NO');
    // B may still offer it itself later, and both agree.
    b.request('us', Opt.NAWS, true);
    pump();
    expect(a.enabled('him', Opt.NAWS)).toBe(true);
    expect(b.enabled('us', Opt.NAWS)).toBe(true);
  });

  it('our request answered positively: no reply to the acknowledgement', () => {
    const { n, sent, changes } = recorder(ALL);
    expect(n.request('him', Opt.NAWS, true)).toBe(true);
    expect(n.state('him', Opt.NAWS)).toBe('WANTYES');
    n.receive(WILL, Opt.NAWS);
    expect(sent).toEqual([`DO ${Opt.NAWS}`]);
    expect(changes).toEqual([`him ${Opt.NAWS} on`]);
    expect(n.request('him', Opt.NAWS, true)).toBe(false);
  });

  it('our request refused: back to NO with nothing sent', () => {
    const { n, sent } = recorder(ALL);
    n.request('us', Opt.ECHO, true);
    n.receive(DONT, Opt.ECHO);
    expect(n.state('us', Opt.ECHO)).toBe('NO');
    expect(sent).toEqual([`WILL ${Opt.ECHO}`]);
  });

  it('disable while the enable is in flight is queued, then sent after the answer', () => {
    const { n, sent, changes } = recorder(ALL);
    n.request('us', Opt.ECHO, true);
    n.request('us', Opt.ECHO, false);
    expect(n.queued('us', Opt.ECHO)).toBe(true);
    expect(sent).toEqual([`WILL ${Opt.ECHO}`]);
    n.receive(DO, Opt.ECHO);
    expect(sent).toEqual([`WILL ${Opt.ECHO}`, `WONT ${Opt.ECHO}`]);
    expect(n.state('us', Opt.ECHO)).toBe('WANTNO');
    n.receive(DONT, Opt.ECHO);
    expect(n.state('us', Opt.ECHO)).toBe('NO');
    expect(changes).toEqual([]);
  });

  it('a request and its opposite cancel out while queued', () => {
    const { n, sent } = recorder(ALL);
    n.request('him', Opt.SGA, true);
    n.request('him', Opt.SGA, false);
    n.request('him', Opt.SGA, true);
    expect(n.queued('him', Opt.SGA)).toBe(false);
    n.receive(WILL, Opt.SGA);
    expect(sent).toEqual([`DO ${Opt.SGA}`]);
    expect(n.enabled('him', Opt.SGA)).toBe(true);
  });

  it('peer answering our DONT with WILL is a protocol error, not a loop', () => {
    const { n, sent, errors } = recorder(ALL);
    n.receive(WILL, Opt.NAWS);
    n.request('him', Opt.NAWS, false);
    n.receive(WILL, Opt.NAWS);
    expect(errors).toHaveLength(1);
    expect(n.state('him', Opt.NAWS)).toBe('NO');
    expect(sent).toEqual([`DO ${Opt.NAWS}`, `DONT ${Opt.NAWS}`]);
  });

  it('ECHO is not accepted from the peer, yet we can still offer it', () => {
    const { n, sent } = recorder({ [Opt.ECHO]: {} });
    n.receive(DO, Opt.ECHO);
    expect(sent).toEqual([`WONT ${Opt.ECHO}`]);
    n.request('us', Opt.ECHO, true);
    n.receive(DO, Opt.ECHO);
    expect(sent).toEqual([`WONT ${Opt.ECHO}`, `WILL ${Opt.ECHO}`]);
    expect(n.enabled('us', Opt.ECHO)).toBe(true);
  });

  it('both sides request the same option at once: agreed, two messages, no loop', () => {
    const { a, b, pump, wire } = pair(ALL, ALL);
    a.request('us', Opt.SGA, true); // A: WILL SGA
    b.request('him', Opt.SGA, true); // B: DO SGA
    pump();
    expect(wire).toEqual(['A>WILL', 'B>DO']);
    expect(a.enabled('us', Opt.SGA)).toBe(true);
    expect(b.enabled('him', Opt.SGA)).toBe(true);
  });

  it('simultaneous enable and disable requests settle without looping', () => {
    const { a, b, pump } = pair(ALL, ALL);
    a.request('us', Opt.ECHO, true);
    pump();
    // Now both want different things at the same time.
    a.request('us', Opt.ECHO, false);
    b.request('him', Opt.ECHO, false);
    b.request('him', Opt.ECHO, true);
    pump();
    expect(a.state('us', Opt.ECHO)).toMatch(/^(YES|NO)$/);
    expect(b.state('him', Opt.ECHO)).toBe(a.state('us', Opt.ECHO));
  });

  it('random request storms between two negotiators always settle and agree', () => {
    const opts = [Opt.ECHO, Opt.SGA, Opt.NAWS];
    const narrow: OptionPolicy = { [Opt.SGA]: { us: true, him: true } };
    let seed = 7;
    const rand = (n: number): number => {
      seed ^= seed << 13;
      seed ^= seed >>> 17;
      seed ^= seed << 5;
      return (seed >>> 0) % n;
    };
    for (let round = 0; round < 2000; round++) {
      const policyB = rand(2) ? ALL : narrow;
      const { a, b, pump } = pair(ALL, policyB);
      for (let k = 0; k < 6; k++) {
        const who = rand(2) ? a : b;
        const side: Side = rand(2) ? 'us' : 'him';
        who.request(side, opts[rand(3)]!, rand(2) === 1);
        if (rand(3) === 0) pump();
      }
      pump(); // throws on a loop
      for (const o of opts) {
        expect(a.enabled('us', o)).toBe(b.enabled('him', o));
        expect(a.enabled('him', o)).toBe(b.enabled('us', o));
        for (const [n, side] of [[a, 'us'], [a, 'him'], [b, 'us'], [b, 'him']] as const) {
          const state = n.state(side, o);
          expect(state).toMatch(/^(YES|NO)$/);
        }
      }
    }
  });
});
