/**
 * A studio host as its tests start it: web mode on a temporary copy of the
 * shipped packs (never the repository's packs/ or .maid/), a short watch
 * debounce, a free game port, no console log. `prepare` changes the copy
 * before the host starts (a broken file, an extra pack); `stop` stops the
 * host and removes the copy.
 */
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { StudioService } from '../api/studio-service';
import { StudioHost, type StudioHostOptions } from './studio-host';

const repo = fileURLToPath(new URL('../../../', import.meta.url));
const SHIPPED_PACKS = ['starter-world', 'combat'];

export interface HostUnderTest {
  /** The temporary folder: packs/ and data/. */
  work: string;
  packsDir: string;
  host: StudioHost;
  api: StudioService;
  /** The game's telnet port (the studio's game session runs on the same server). */
  telnetPort(): number;
  stop(): Promise<void>;
}

export interface HostUnderTestOptions {
  /** Names the temporary folder, for whoever finds one left behind. */
  name: string;
  /** More packs copied in: pack folder name -> its folder, relative to the repository. */
  extraPacks?: Record<string, string>;
  prepare?: (packsDir: string) => Promise<void>;
  settings?: StudioHostOptions['settings'];
}

export async function startHostOnCopy(options: HostUnderTestOptions): Promise<HostUnderTest> {
  const work = await mkdtemp(join(tmpdir(), `maid-${options.name}-`));
  const packsDir = join(work, 'packs');
  for (const name of SHIPPED_PACKS) await cp(join(repo, 'packs', name), join(packsDir, name), { recursive: true });
  for (const [name, from] of Object.entries(options.extraPacks ?? {})) await cp(join(repo, from), join(packsDir, name), { recursive: true });
  await options.prepare?.(packsDir);
  const host = await StudioHost.start({
    mode: 'web',
    packsDir,
    dataDir: join(work, 'data'),
    watchDebounce: 0.05,
    gamePort: 0,
    consoleLog: false,
    ...(options.settings ? { settings: options.settings } : {}),
  });
  return {
    work,
    packsDir,
    host,
    api: new StudioService(host),
    telnetPort() {
      const endpoint = host.gameEndpoint;
      const telnet = endpoint.available ? endpoint.telnet : undefined;
      if (!telnet) throw new Error('the studio has no game over telnet');
      return telnet.port;
    },
    async stop() {
      await host.stop();
      await rm(work, { recursive: true, force: true });
    },
  };
}
