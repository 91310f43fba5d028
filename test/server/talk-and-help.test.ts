/** Talking beyond the room over telnet (tell and reply, emote, the chat channel), and help listing the game's commands. */
import { describe, expect, it } from 'vitest';
import { useServers } from './kit/harness';

const { server, client } = useServers();

describe('talking over telnet', () => {
  it('tells one player anywhere, emotes to the room, and chats to everyone, showing markup as typed', async () => {
    const s = await server();
    const ann = await client(s.telnetPort);
    await ann.login('Ann', 'plover-xyzzy-1', true);
    const ben = await client(s.telnetPort);
    await ben.login('Ben', 'plover-xyzzy-2', true);
    const cal = await client(s.telnetPort);
    await cal.login('Cal', 'plover-xyzzy-3', true);
    await cal.command('north');

    let from = cal.mark();
    expect(await ann.command('tell cal the rat is back')).toContain('You tell Cal, "the rat is back"');
    await cal.waitFor('Ann tells you, "the rat is back"', from);
    expect(ben.output).not.toContain('the rat is back');
    from = ann.mark();
    expect(await cal.command('r on my way')).toContain('You tell Ann, "on my way"');
    await ann.waitFor('Cal tells you, "on my way"', from);
    expect(await ann.command('tell nobody hello')).toContain("No one called 'nobody' is online.");

    from = ben.mark();
    expect(await ann.command('emote grins {red}wickedly.')).toContain('Ann grins {red}wickedly.');
    await ben.waitFor('Ann grins {red}wickedly.', from);
    expect(cal.output).not.toContain('Ann grins');

    const marks = [ann.mark(), ben.mark(), cal.mark()];
    ben.line('ooc who is up for the wolf?');
    await Promise.all([ann, ben, cal].map((c, i) => c.waitFor('[chat] Ben: who is up for the wolf?', marks[i])));
  });

  it('lists the game commands in help, each with its line', async () => {
    const s = await server();
    const c = await client(s.telnetPort);
    await c.login('Dot', 'plover-xyzzy-4', true);
    const help = await c.command('help');
    for (const [word, line] of [
      ['wield', 'Hold a weapon you carry'],
      ['wear', 'Put on armour you carry'],
      ['remove', 'Stop wielding or wearing something'],
      ['equipment', 'List what you are wielding and wearing'],
      ['list', 'See what the shopkeeper here sells'],
      ['buy', 'Buy something the shopkeeper here sells'],
      ['sell', 'Sell something you carry'],
      ['tell', 'Say something to one player'],
      ['reply', 'Answer the last player who told you something'],
      ['emote', 'Show the room what you do'],
      ['chat', 'Talk on the public channel'],
      ['score', 'Show your level, experience, health, coins and equipment'],
    ]) {
      expect(help).toMatch(new RegExp(`\\n {4}${word} +${line}`));
    }
    expect(await c.command('help score')).toContain('score - Show your level, experience, health, coins and equipment');
  });
});
