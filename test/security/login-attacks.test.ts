// Issue 15, items 2 and 6, as the attacker did them over telnet: 12
// connections send one name and, all at once, a wrong password; then the
// owner logs in from another address. And the common passwords refused at
// registration, with the reason.
import { describe, expect, it } from 'vitest';
import { useServers } from '../server/kit/harness';

const { server, client } = useServers();

describe('12 parallel wrong passwords for one account', () => {
  it('lock the attacking address for 30 s, not the account for an hour; its owner logs in from another address', async () => {
    const s = await server({ packs: ['starter-world'] });
    const owner = await client(s.telnetPort);
    await owner.login('Alice', 'plum kettle 42', true);
    owner.line('quit');
    await owner.waitClosed();

    const attackers = await Promise.all(Array.from({ length: 12 }, () => client(s.telnetPort)));
    // Each one at the password prompt first, then every wrong password at once.
    await Promise.all(
      attackers.map(async (c) => {
        await c.waitFor('Name:');
        c.line('alice');
        await c.waitFor('Password:');
      }),
    );
    for (const c of attackers) c.line('wrong guess!');
    const answers = await Promise.all(attackers.map((c) => c.waitFor(/Wrong password\.|Too many failed logins/)));
    expect(answers.length).toBe(12);

    const account = await s.storage.findAccount('alice');
    // What happened: 5 failures locked the address; the 7 in flight then did not double anything.
    expect(account?.failedLogins).toBe(5);
    expect(account?.lockedUntil ?? 0).toBeLessThanOrEqual(Date.now());

    // The attacker's address is refused, for 30 seconds at most.
    const next = await client(s.telnetPort);
    await next.waitFor('Name:');
    next.line('alice');
    const refusal = await next.waitFor('Too many failed logins');
    expect(refusal).toMatch(/Too many failed logins from your address\. Please wait (\d+) seconds before trying again\./);
    expect(Number(/wait (\d+) seconds/.exec(refusal)![1])).toBeLessThanOrEqual(30);

    // The owner, from an address with no failures, logs in.
    const home = await client(s.telnetPort, { localAddress: '127.0.0.2' });
    const room = await home.login('Alice', 'plum kettle 42', false);
    expect(room).toContain('Exits:');
    expect((await s.storage.findAccount('alice'))?.failedLogins).toBe(0);
  });
});

describe('choosing a password', () => {
  it('refuses the most common passwords and runs, saying why, and takes a good one', async () => {
    const s = await server({ packs: ['starter-world'] });
    const c = await client(s.telnetPort);
    await c.waitFor('Name:');
    c.line('Carol');
    await c.waitFor('(yes/no)');
    c.line('yes');
    await c.waitFor('Choose a password:');
    for (const [weak, why] of [
      ['12345678', 'one of the 10,000 most common passwords'],
      ['password', 'one of the 10,000 most common passwords'],
      ['abcdefgh', 'a run of neighbouring characters'],
      ['qwertyui', 'one of the 10,000 most common passwords'],
    ] as const) {
      const mark = c.mark();
      c.line(weak);
      expect(await c.waitFor(why, mark)).toContain('which attackers try first');
      await c.waitFor('Choose a password:', mark);
    }
    const mark = c.mark();
    c.line('plum kettle 42');
    await c.waitFor('Type the password again:', mark);
    c.line('plum kettle 42');
    expect(await c.waitFor('Exits:', mark)).toContain('Town Square');
  });
});
