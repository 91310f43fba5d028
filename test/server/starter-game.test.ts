/**
 * The starter game played as a player would, over telnet: a new character
 * kills the cellar rat, loots its corpse, wields the dagger that dropped,
 * kills the wolf with it and reaches level 2, sells the pelt, buys a cap
 * and wears it; after a restart all of it is still theirs.
 */
import { describe, expect, it } from 'vitest';
import { useServers } from './kit/harness';
import type { TelnetTestClient } from './kit/telnet-client';

const { server, client } = useServers();

/** What a command showed, with telnet's CR LF as plain line breaks. */
async function cmd(c: TelnetTestClient, line: string): Promise<string> {
  return (await c.command(line)).replace(/\r\n/g, '\n');
}

/** Fights run on the server's clock (a blow every 2 s): give a fight this long. */
const FIGHT_MS = 30_000;

async function walk(c: TelnetTestClient, ...directions: string[]): Promise<string> {
  let seen = '';
  for (const direction of directions) {
    const from = c.mark();
    c.line(direction);
    seen = await c.waitFor('Exits:', from);
  }
  return seen;
}

/** Attacks, waits for the corpse and then for `last`; returns everything the fight showed. */
async function kill(c: TelnetTestClient, target: string, corpse: string, last: string): Promise<string> {
  const from = c.mark();
  c.line(`attack ${target}`);
  await c.waitFor(`${corpse} lies on the ground.`, from, FIGHT_MS);
  return (await c.waitFor(last, from)).replace(/\r\n/g, '\n');
}

describe('the starter game over telnet', () => {
  it('plays from character creation to a kill, its loot, a level and a purchase', { timeout: 90_000 }, async () => {
    const s = await server();
    const c = await client(s.telnetPort);
    expect(await c.login('Wren', 'lantern-and-rope', true)).toContain('Town Square');
    expect(await cmd(c, 'score')).toContain('Wren, level 1\nExperience: 0; 100 for level 2\nHealth: 100/100\nCoins: 0');

    expect(await walk(c, 'north', 'east', 'down')).toContain('A giant rat is here.');
    const ratFight = await kill(c, 'rat', 'A dead rat', 'You gain 40 experience.');
    expect(ratFight).toContain('You hit a giant rat for 10 damage.');
    expect(ratFight).toContain('A giant rat dies.');
    expect(ratFight).toContain('You gain 40 experience.');
    expect(await cmd(c, 'look')).toContain('A dead rat is here.');
    const corpse = await cmd(c, 'look in corpse');
    expect(corpse).toContain('A dead rat holds:');
    expect(corpse).toContain('a rusty dagger');
    const loot = await cmd(c, 'get all from corpse');
    expect(loot).toMatch(/You take \d gold coins from a dead rat\./);
    expect(loot).toContain('You take a rusty dagger from a dead rat.');

    expect(await cmd(c, 'wield dagger')).toContain('You wield a rusty dagger.');
    expect(await cmd(c, 'eq')).toMatch(/You are using:\n {2}<wielded> a rusty dagger/);

    expect(await walk(c, 'up', 'west', 'north')).toContain('A grey wolf is here.');
    const wolfFight = await kill(c, 'wolf', 'A dead wolf', 'You have reached level 2!');
    // The dagger adds its 4 to every blow.
    expect(wolfFight).toContain('You hit a grey wolf for 14 damage.');
    expect(wolfFight).toContain('You gain 80 experience.');
    expect(wolfFight).toContain('You have reached level 2! Your health rises to 110, and your blows land harder.');
    expect(await cmd(c, 'get pelt from corpse')).toContain('You take a grey wolf pelt from a dead wolf.');
    await cmd(c, 'get coins from corpse');

    expect(await walk(c, 'south', 'south', 'east')).toContain('Hilda the trader is here.');
    expect(await cmd(c, 'list')).toMatch(/a leather cap +6 coins/);
    expect(await cmd(c, 'sell pelt')).toMatch(/You sell a grey wolf pelt for 7 coins\. \(You have \d+ coins\.\)/);
    expect(await cmd(c, 'buy cap')).toMatch(/You buy a leather cap for 6 coins\. \(You have \d+ coins left\.\)/);
    expect(await cmd(c, 'wear cap')).toContain('You wear a leather cap.');

    const sheet = await cmd(c, 'score');
    expect(sheet).toContain('Wren, level 2');
    expect(sheet).toContain('Experience: 120; 300 for level 3');
    expect(sheet).toMatch(/Health: \d+\/110/);
    expect(sheet).toContain('Attack: 16 damage a blow; armour 1');
    expect(sheet).toMatch(/<wielded> +a rusty dagger/);
    expect(sheet).toMatch(/<worn on head> +a leather cap/);
    const coins = /Coins: (\d+)/.exec(sheet)?.[1];

    // A restart keeps the level, the purse and what is worn.
    c.line('quit');
    await c.waitClosed();
    await s.stop();
    const again = await server({ dataDir: s.dataDir, packsDir: s.packsDir });
    const back = await client(again.telnetPort);
    await back.login('Wren', 'lantern-and-rope', false);
    const after = await cmd(back, 'score');
    expect(after).toContain('Wren, level 2');
    expect(after).toContain(`Coins: ${coins}`);
    expect(after).toMatch(/<wielded> +a rusty dagger/);
    expect(after).toMatch(/<worn on head> +a leather cap/);
  });
});
