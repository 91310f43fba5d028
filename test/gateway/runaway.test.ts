/**
 * Pack code that runs away or crashes, through the real gateway and engine
 * process (issue 11's checks), with two players over telnet: the other
 * player is answered, both stay connected as their characters, and what the
 * last tick committed survives.
 */
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { removeTempDirs } from '../cli/maid-process';
import { TelnetTestClient } from '../server/kit/telnet-client';
import { committed, packsWith, player, startServer, type RunningServer } from './kit';

afterAll(removeTempDirs);

const fixture = fileURLToPath(new URL('../server/fixtures/runaway', import.meta.url));

function withRunawayPack(): string {
  const packsDir = packsWith();
  cpSync(fixture, join(packsDir, 'runaway'), { recursive: true });
  return packsDir;
}

/** Both players stay connected and play on as themselves; Ada is where she was when the last tick committed. */
async function playOn(server: RunningServer, ada: Awaited<ReturnType<typeof player>>, bob: Awaited<ReturnType<typeof player>>, adaRoom: string) {
  await server.maid.waitFor(/Engine restarted \(generation 2\): 2 player\(s\) back in the world/, { timeoutMs: 30_000 });
  // Each is shown the room again once back, with a prompt: a command typed before that prompt would take it for its answer.
  for (const client of [ada, bob]) await client.waitFor(/The game is back\.[\s\S]*Exits:[\s\S]*> /, 0, 10_000);
  expect(await ada.command('look', 10_000)).toContain(adaRoom);
  const who = await bob.command('who', 10_000);
  expect(who).toContain('Ada');
  expect(who).toContain('Bob');
  expect([ada.closed, bob.closed]).toEqual([false, false]);
}

describe('runaway and crashing pack code behind the gateway', () => {
  it('a command looping forever is cut off: the other player is answered within 3 s, the author gets an error, the log names pack, command and file:line', async () => {
    const server = await startServer(withRunawayPack());
    try {
      const ada = await player(server.port, 'Ada');
      const bob = await player(server.port, 'Bob');
      const from = server.maid.lines.length;
      ada.line('spin');
      const asked = Date.now();
      expect(await bob.command('look', 3000)).toContain('Town Square');
      expect(Date.now() - asked).toBeLessThan(3000);
      await ada.waitFor(/spin.*(cut off|stopped)/i);
      const logged = await server.maid.waitFor(/cut off/i, { from });
      expect(logged).toMatch(/runaway/);
      expect(logged).toMatch(/spin/);
      expect(logged).toMatch(/pack\.ts:\d+/);
      expect([ada.closed, bob.closed]).toEqual([false, false]);
    } finally {
      await server.maid.stop();
    }
  }, 60_000);

  for (const [command, env, what] of [
    ['spinlater', { MAID_ENGINE_TIMEOUT: '1' }, 'a handler looping after an await: no heartbeat, the engine is killed and restarted'],
    ['hog', { MAID_ENGINE_MEMORY_MB: '96' }, 'a command allocating without bound: the engine passes its heap limit, dies and is restarted'],
    ['exit', {}, 'process.exit(3) in a command: the engine is restarted'],
  ] as const) {
    it(`${what}; both players stay connected as their characters and nothing committed is lost`, async () => {
      const server = await startServer(withRunawayPack(), [], env);
      try {
        const ada = await player(server.port, 'Ada');
        const bob = await player(server.port, 'Bob');
        expect(await ada.command('north')).toContain('North Road');
        await committed(server.dataDir);
        ada.line(command);
        await bob.waitFor('The game is restarting', 0, 20_000);
        await playOn(server, ada, bob, 'North Road');
      } finally {
        await server.maid.stop();
      }
    }, 90_000);
  }

  it('SIGTERM while pack code runs away after an await: the server still stops within 5 s, the world as the last tick committed', async () => {
    const server = await startServer(withRunawayPack());
    const ada = await player(server.port, 'Ada');
    expect(await ada.command('north')).toContain('North Road');
    await committed(server.dataDir);
    ada.line('spinlater');
    await ada.waitFor('Spinning later.');
    const asked = Date.now();
    const done = await server.maid.stop('SIGTERM');
    expect(Date.now() - asked).toBeLessThan(5000);
    expect(done.code).toBe(0);
    // Started again on the same data directory: Ada is where the last tick left her.
    const again = await startServer(server.packsDir, [], {}, server.dataDir);
    try {
      const back = await TelnetTestClient.connect(again.port);
      expect(await back.login('Ada', 'correct horse battery', false)).toContain('North Road');
    } finally {
      await again.maid.stop();
    }
  }, 60_000);

  it('an async system update that never settles: ticks and saving go on, and a move acknowledged after it survives a kill -9 of the engine', async () => {
    const server = await startServer(withRunawayPack(), [], { MAID_RUNAWAY_MS: '500' });
    try {
      const ada = await player(server.port, 'Ada');
      const bob = await player(server.port, 'Bob');
      const from = server.maid.lines.length;
      expect(await ada.command('stall')).toContain('Stalling.');
      await server.maid.waitFor(/Stall/, { from });
      expect(await ada.command('north')).toContain('North Road');
      await committed(server.dataDir);
      process.kill(server.enginePid, 'SIGKILL');
      await playOn(server, ada, bob, 'North Road');
    } finally {
      await server.maid.stop();
    }
  }, 60_000);

  it('a pack that kills the engine whenever it loads is disabled after 3 tries; the game serves without it and the log says why', async () => {
    const packsDir = packsWith({
      doomed: { 'src/pack.ts': "export default { manifest: { name: 'doomed', version: '1.0.0' }, onLoad() { process.exit(7); } };\n" },
    });
    const server = await startServer(packsDir);
    try {
      const summary = server.maid.lines.join('\n');
      expect(summary).toMatch(/Pack 'doomed' is disabled: it brought the engine down 3 times in a row as it started \(last: exit code 7\)/);
      expect(summary).toMatch(/doomed: NOT LOADED: it brought the engine down 3 times in a row/);
      const ada = await player(server.port, 'Ada');
      expect(await ada.command('look')).toContain('Town Square');
    } finally {
      await server.maid.stop();
    }
  }, 60_000);

  it('a system saved with an endless loop while the watcher runs: cut off and quarantined, both players answered within 3 s', async () => {
    const server = await startServer(packsWith(), ['--watch', '--watch-debounce', '0.1']);
    try {
      const ada = await player(server.port, 'Ada');
      const bob = await player(server.port, 'Bob');
      const file = join(server.packsDir, 'combat', 'src', 'systems', 'vitals.ts');
      const original = readFileSync(file, 'utf8');
      const line = original.split('\n').findIndex((l) => l.includes('update(): void {')) + 1;
      const from = server.maid.lines.length;
      writeFileSync(file, original.replace('update(): void {', 'update(): void {\n    while (true) {}'));
      await server.maid.waitFor(`[ERROR] System VitalsSystem of pack 'combat' ran for more than 2000 ms and was cut off (running at src/systems/vitals.ts:${line + 1}:5)`, { from });
      const sent = Date.now();
      expect(await bob.command('look', 3000)).toContain('Town Square');
      expect(await ada.command('look', 3000)).toContain('Town Square');
      expect(Date.now() - sent).toBeLessThan(3000);
      expect([ada.closed, bob.closed]).toEqual([false, false]);
    } finally {
      await server.maid.stop();
    }
  }, 60_000);
});
