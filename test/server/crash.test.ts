/**
 * Crash test: a scripted player makes changes while the server runs in its
 * own process; the process is SIGKILLed at an arbitrary moment and started
 * again. Everything acknowledged to the player before the last completed
 * tick must be there — and nothing the player never asked for.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { SqliteStorage } from '../../src/engine/storage';
import { copyPacks } from './kit/server-fixture';
import { TelnetTestClient } from './kit/telnet-client';

const script = fileURLToPath(new URL('./kit/server-process.ts', import.meta.url));
const ledgerPack = fileURLToPath(new URL('./fixtures/ledger', import.meta.url));

interface ServerProcess {
  child: ChildProcess;
  port: number;
  /** `committed` lines seen so far. */
  commits: () => number;
  exited: Promise<void>;
}

const children: ChildProcess[] = [];
afterEach(() => {
  for (const c of children.splice(0)) c.kill('SIGKILL');
});

function startServerProcess(dataDir: string, packDirs: string[]): Promise<ServerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', script, dataDir, ...packDirs], { stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let commits = 0;
  let buffer = '';
  let stderr = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout!.on('data', (d: Buffer) => {
      buffer += d.toString();
      let nl: number;
      while ((nl = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 1);
        if (line.startsWith('committed ')) commits++;
        const m = /^listening (\d+)$/.exec(line);
        if (m) resolve({ child, port: Number(m[1]), commits: () => commits, exited });
      }
    });
    void exited.then(() => reject(new Error(`server process exited before listening: ${stderr}`)));
  });
}

describe('crash: SIGKILL mid-play, then a restart', () => {
  it('keeps everything acknowledged before the last completed tick', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'maid-crash-'));
    const packsDir = copyPacks();
    const ledger = join(mkdtempSync(join(tmpdir(), 'maid-crash-ledger-')), 'ledger');
    cpSync(ledgerPack, ledger, { recursive: true });
    const packDirs = [join(packsDir, 'starter-world'), join(packsDir, 'combat'), ledger];

    const first = await startServerProcess(dataDir, packDirs);
    const player = await TelnetTestClient.connect(first.port);
    await player.login('Rhea', 'silver-moon-42', true);
    await player.command('south');
    await player.command('north');
    await player.command('get stone');
    await player.command('north');
    // Notes as fast as the acknowledgements come back; for each, how many commits the test had seen when it was acknowledged.
    const seenAtAck: number[] = [];
    let sent = 0;
    const killAfter = 400 + Math.floor(Math.random() * 600);
    const started = Date.now();
    while (Date.now() - started < killAfter) {
      const n = ++sent;
      await player.command(`note ${n}`);
      seenAtAck[n] = first.commits();
    }
    // Killed with one more note in flight.
    player.line(`note ${++sent}`);
    first.child.kill('SIGKILL');
    await first.exited;
    player.close();
    const lastCommit = first.commits();

    // Acknowledged at least a tick before the last commit the process completed: that commit (or an earlier one) holds it.
    const guaranteed = seenAtAck.reduce((best, seen, n) => (seen !== undefined && seen <= lastCommit - 2 ? n : best), 0);
    expect(guaranteed).toBeGreaterThan(0);

    const storage = new SqliteStorage({ dataDir });
    await storage.open();
    const character = await storage.findCharacterByName('Rhea');
    const { entities } = await storage.loadEntities();
    await storage.close();
    const rhea = entities.find((e) => e.id === character?.entityId);
    const saved = rhea?.components.Ledger?.data as { last: number; count: number } | undefined;
    expect(saved?.last).toBeGreaterThanOrEqual(guaranteed);
    expect(saved?.last).toBeLessThanOrEqual(sent);
    expect(saved?.count).toBe(saved?.last);
    expect(rhea?.components.Location?.data).toMatchObject({ room: 'starter-world:north-road' });
    const stone = entities.find((e) => e.key === 'starter-world:stone');
    expect(stone?.components.Location?.data).toMatchObject({ holder: character?.entityId });

    // The restarted server has the same world: no duplicate rooms, the player where they were, still carrying the stone.
    const second = await startServerProcess(dataDir, packDirs);
    const again = await TelnetTestClient.connect(second.port);
    const room = await again.login('Rhea', 'silver-moon-42', false);
    expect(room).toContain('North Road');
    expect(await again.command('inventory')).toContain('a smooth stone');
    expect(await again.command('ledger')).toContain(`Ledger: last ${saved?.last}, ${saved?.last} notes.`);
    again.close();
    second.child.kill('SIGTERM');
  }, 30_000);
});
