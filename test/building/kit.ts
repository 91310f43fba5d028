/**
 * A real server (shipped packs and the docs' riverbank pack copied to a
 * temp folder, telnet on port 0) for the building commands, and a builder
 * logged in over telnet: the first account, so a builder.
 */
import { cpSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { useServers } from '../server/kit/harness';
import { copyPacks, type TestServer } from '../server/kit/server-fixture';
import type { TelnetTestClient } from '../server/kit/telnet-client';

export const examplesDir = fileURLToPath(new URL('../../docs/examples/world/', import.meta.url));
export const PACKS = ['starter-world', 'combat', 'riverbank'];
export const AREA = 'areas/riverbank.yaml';

/** A packs folder with the shipped packs and the riverbank example pack. */
export function packsWithRiverbank(): string {
  const dir = copyPacks();
  cpSync(join(examplesDir, 'riverbank'), join(dir, 'riverbank'), { recursive: true });
  return dir;
}

export interface BuildWorld {
  s: TestServer;
  area(): string;
  /** Logs in a new character over telnet (the first one is the builder). */
  player(name: string): Promise<TelnetTestClient>;
}

export async function buildWorld(servers: ReturnType<typeof useServers>, options: { watch?: boolean; packsDir?: string; dataDir?: string } = {}): Promise<BuildWorld> {
  const packsDir = options.packsDir ?? packsWithRiverbank();
  const s = await servers.server({ packsDir, packs: PACKS, ...(options.dataDir ? { dataDir: options.dataDir } : {}) });
  if (options.watch) await s.engine.hotReload.enableWatching(0.15);
  return {
    s,
    area: () => readFileSync(join(packsDir, 'riverbank', AREA), 'utf8'),
    async player(name) {
      const c = await servers.client(s.telnetPort);
      await c.login(name, 'silver-moon-42', true);
      return c;
    },
  };
}

/** Runs a builder command and waits for the line the reload sends when it applied the change. */
export async function built(c: TelnetTestClient, line: string, applied: RegExp): Promise<string> {
  const from = c.mark();
  await c.command(line);
  return c.waitFor(applied, from, 10_000);
}
