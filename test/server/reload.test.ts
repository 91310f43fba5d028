/**
 * Sessions belong to the server: a reload of `combat` in the middle of a
 * fight, failed and then successful, drops no connection and no half-typed
 * login, and the fight goes on under the new code.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useServers } from './kit/harness';

const { server, client } = useServers();

describe('hot reload with players connected', () => {
  it('a failed and a successful reload of combat mid-fight keep the fighter and a half-done login', async () => {
    const s = await server();
    const fighter = await client(s.telnetPort);
    await fighter.login('Vera', 'silver-moon-42', true);
    await fighter.command('south');
    let mark = fighter.mark();
    fighter.line('attack dummy');
    await fighter.waitFor('You hit a training dummy for 10 damage.', mark);

    // A second player stops half-way through creating a character: the password typed, no line end yet.
    const newcomer = await client(s.telnetPort);
    await newcomer.waitFor('Name:');
    newcomer.line('Wren');
    await newcomer.waitFor('(yes/no)');
    newcomer.line('yes');
    await newcomer.waitFor('Choose a password:');
    newcomer.write('silver-mo');

    const file = join(s.packsDir, 'combat', 'src', 'systems', 'combat.ts');
    const original = readFileSync(file, 'utf8');
    writeFileSync(file, original.replace('export const BASE_DAMAGE = 10;', 'export const BASE_DAMAGE = ;'));
    const failed = await s.engine.hotReload.reloadPack('combat');
    expect(failed.success).toBe(false);
    expect(failed.error?.file).toContain('combat.ts');
    mark = fighter.mark();
    await fighter.waitFor('You hit a training dummy for 10 damage.', mark, 5000);
    expect(await fighter.command('health')).toContain('Health: 100/100');

    writeFileSync(file, original.replace('export const BASE_DAMAGE = 10;', 'export const BASE_DAMAGE = 25;'));
    const ok = await s.engine.hotReload.reloadPack('combat');
    expect(ok.success).toBe(true);
    mark = fighter.mark();
    // The same fight, carried over by the CombatSystem's state, now with the new damage.
    await fighter.waitFor('You hit a training dummy for 25 damage.', mark, 5000);

    newcomer.write('on-42\r\n');
    await newcomer.waitFor('Type the password again:');
    newcomer.line('silver-moon-42');
    await newcomer.waitFor('Exits:');
    expect(fighter.closed || newcomer.closed).toBe(false);
    expect(s.server.stats()).toMatchObject({ sessions: 2, playing: 2 });
    expect(await fighter.command('flee')).toContain('You break off the fight.');
  }, 30_000);
});
