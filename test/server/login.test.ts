import { describe, expect, it } from 'vitest';
import { DO, Opt, WILL, WONT } from '../../src/engine/server/telnet';
import { useServers } from './kit/harness';

const { server, client } = useServers();

describe('login over telnet', () => {
  it('creates a new player, with ECHO off while each password is typed', async () => {
    const s = await server();
    const c = await client(s.telnetPort, { accept: [Opt.ECHO, Opt.SGA] });
    await c.waitFor('By what name are you known?');
    c.line('Alice');
    await c.waitFor('Create a new character named Alice? (yes/no)');
    expect(c.negotiations).not.toContainEqual([WILL, Opt.ECHO]);
    c.line('yes');
    await c.waitFor('Choose a password:');
    await c.waitForNegotiation(WILL, Opt.ECHO);
    const echoOffAt = c.negotiations.length;
    c.line('short');
    await c.waitFor('Your password needs at least 8 characters.');
    c.line('correct horse');
    await c.waitFor('Type the password again:');
    // still hidden between the two passwords
    expect(c.negotiations.slice(echoOffAt)).not.toContainEqual([WONT, Opt.ECHO]);
    c.line('correct horse');
    const text = await c.waitFor('Exits:');
    await c.waitForNegotiation(WONT, Opt.ECHO, echoOffAt);
    expect(text).toContain('Town Square');
    expect(text).not.toContain('correct horse');
    // the account, its character and its entity
    const account = await s.storage.findAccount('alice');
    expect(account?.passwordHash).toMatch(/^scrypt\$/);
    const character = await s.storage.findCharacterByName('Alice');
    expect(s.engine.world.getEntity(character!.entityId)).toBeDefined();
    expect(s.engine.sessions.isOnline(character!.entityId)).toBe(true);
  });

  it('logs a returning player back in where they left, and refuses a wrong password', async () => {
    const s = await server();
    const first = await client(s.telnetPort);
    await first.login('Bob', 'tr0ub4dor&3', true);
    await first.command('north');
    first.line('quit');
    await first.waitFor('Goodbye!');
    await first.waitClosed();

    const again = await client(s.telnetPort);
    await again.waitFor('Name:');
    again.line('bob');
    await again.waitFor('Password:');
    again.line('wrong password');
    await again.waitFor('Wrong password.');
    const mark = again.mark();
    again.line('tr0ub4dor&3');
    const room = await again.waitFor('Exits:', mark);
    expect(room).toContain('North Road');
    expect((await s.storage.findAccount('Bob'))?.failedLogins).toBe(0);
  });

  it('never logs a password', async () => {
    const s = await server();
    const c = await client(s.telnetPort);
    await c.login('Carol', 'sw0rdfish-secret', true);
    c.line('quit');
    await c.waitClosed();
    const again = await client(s.telnetPort);
    await again.waitFor('Name:');
    again.line('Carol');
    await again.waitFor('Password:');
    again.line('not-the-sw0rdfish');
    await again.waitFor('Wrong password.');
    const log = s.log.lines().join('\n');
    expect(log).toContain('New character Carol created');
    expect(log).toContain('Wrong password for Carol');
    expect(log).not.toContain('sw0rdfish');
  });

  it('a second login takes the character over, with a notice to the old session', async () => {
    const s = await server();
    const one = await client(s.telnetPort);
    await one.login('Dora', 'secret-pass-1', true);
    const two = await client(s.telnetPort);
    const text = await two.login('Dora', 'secret-pass-1', false);
    expect(text).toContain('You take over your character from another session.');
    await one.waitFor('Someone has logged in as Dora from elsewhere');
    await one.waitClosed();
    expect(await two.command('look')).toContain('Town Square');
    expect(s.engine.sessions.count).toBe(1);
  });

  it('refuses bad names with a reason, and closes after too many failures', async () => {
    const s = await server();
    const c = await client(s.telnetPort);
    await c.waitFor('Name:');
    c.line('R2D2');
    await c.waitFor('A name can only use the letters A to Z');
    c.line('al');
    await c.waitFor('too short');
    for (let i = 0; i < 3; i++) c.line('x');
    await c.waitFor('Too many failed attempts. Goodbye.');
    await c.waitClosed();
  });

  it('closes a connection that does not log in in time', async () => {
    const s = await server({ limits: { loginTimeoutMs: 300 } });
    const c = await client(s.telnetPort);
    await c.waitFor('Name:');
    await c.waitFor('took more than', 0, 3000);
    await c.waitClosed();
  });

  it('offers its options on connect and settles fast with a client that refuses them', async () => {
    const s = await server();
    const c = await client(s.telnetPort);
    await c.waitFor('Name:', 0, 1000);
    expect(c.negotiations.slice(0, 8)).toEqual([
      [WILL, Opt.GMCP], [WILL, Opt.MSSP], [WILL, Opt.MCCP2], [WILL, Opt.EOR], [WILL, Opt.SGA], [DO, Opt.NAWS], [DO, Opt.TTYPE], [WILL, Opt.CHARSET],
    ]);
  });

  it('counts wrong passwords per account, locks it, and keeps the lock in storage across connections', async () => {
    const s = await server();
    const owner = await client(s.telnetPort);
    await owner.login('Gwen', 'silver-moon-42', true);
    owner.line('quit');
    await owner.waitClosed();
    // Ten guesses, each from an address of its own (so no address is locked first).
    for (let i = 1; i <= 10; i++) {
      const guesser = await client(s.telnetPort, { localAddress: `127.0.0.${10 + i}` });
      await guesser.waitFor('Name:');
      guesser.line('Gwen');
      await guesser.waitFor('Password:');
      guesser.line(`guess number ${i}`);
      await guesser.waitFor(i < 10 ? 'Wrong password.' : 'Too many failed logins for this account. Please wait 1 minute before trying again.');
      guesser.close();
    }
    expect(await s.storage.findAccount('gwen')).toMatchObject({ failedLogins: 10, lockedUntil: expect.any(Number) });
    // From an address that guessed, even the right password is refused while the lock lasts, without being checked.
    const again = await client(s.telnetPort, { localAddress: '127.0.0.11' });
    await again.waitFor('Name:');
    again.line('gwen');
    await again.waitFor('Too many failed logins for this account.');
    expect(again.output).not.toContain('Password:');
    // From an address with no failures, the owner gets in.
    const home = await client(s.telnetPort, { localAddress: '127.0.0.2' });
    expect(await home.login('Gwen', 'silver-moon-42', false)).toContain('Exits:');
  });
});
