/**
 * A real `maid server start` (gateway and engine process) on copies of the
 * shipped packs, with players over telnet: what the supervision tests share.
 */
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { makeTempDir, startMaid, type MaidProcess } from '../cli/maid-process';
import { AdminClient } from '../../src/engine/admin';
import { TelnetTestClient } from '../server/kit/telnet-client';

export interface RunningServer {
  maid: MaidProcess;
  port: number;
  enginePid: number;
  packsDir: string;
  dataDir: string;
}

/** Copies the shipped packs (and any extra pack folders given as name -> files) into a temp packs folder. */
export function packsWith(extra: Record<string, Record<string, string>> = {}): string {
  const packsDir = join(makeTempDir('maid-gateway-'), 'packs');
  for (const name of ['starter-world', 'combat']) cpSync(join(import.meta.dirname, '../../packs', name), join(packsDir, name), { recursive: true });
  for (const [name, files] of Object.entries(extra)) {
    for (const [file, text] of Object.entries(files)) {
      const path = join(packsDir, name, file);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, text);
    }
    writeFileSync(join(packsDir, name, 'package.json'), JSON.stringify({ name: `@packs/${name}`, version: '1.0.0', private: true, type: 'module', main: 'src/pack.ts' }, null, 2));
  }
  return packsDir;
}

/** Starts the server and waits until it serves; `engine process <pid>` is read from its summary. */
export async function startServer(packsDir: string, args: string[] = [], env: Record<string, string> = {}, dataDir = makeTempDir('maid-gateway-data-')): Promise<RunningServer> {
  const maid = startMaid(['server', 'start', '--packs-dir', packsDir, '--data-dir', dataDir, ...args], { env: { MAID_LOG_LEVEL: 'INFO', ...env }, timeoutMs: 30_000 });
  const players = await maid.waitFor(/Players connect: telnet \S+ (\d+)/);
  const engine = await maid.waitFor(/Engine process (\d+)/);
  await maid.waitFor('Ctrl-C stops the server');
  return { maid, port: Number(/(\d+)$/.exec(players)?.[1]), enginePid: Number(/Engine process (\d+)/.exec(engine)?.[1]), packsDir, dataDir };
}

/** A player logged in with a new character. */
export async function player(port: number, name: string): Promise<TelnetTestClient> {
  const client = await TelnetTestClient.connect(port);
  await client.login(name, 'correct horse battery', true);
  return client;
}

/** Resolves once the world database holds a tick that ran after this call: what players saw so far is saved. */
export async function committed(dataDir: string, timeoutMs = 10_000): Promise<void> {
  const admin = AdminClient.fromDataDir(dataDir);
  const start = (await admin.status()).ticks;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const status = await admin.status();
    if ((status.engine?.savedThroughTick ?? -1) > start) return;
    if (Date.now() > deadline) throw new Error(`No tick after ${start} was committed within ${timeoutMs} ms (status: ${JSON.stringify(status.engine)})`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
