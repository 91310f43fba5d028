// A pack that fails at start takes its dependants down with it; once it is
// fixed, they load too, without restarting the studio.
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReloadEntry } from '../../shared/model';
import { StudioService } from '../api/studio-service';
import { StudioHost } from './studio-host';

const repoPacks = fileURLToPath(new URL('../../../packs', import.meta.url));
const COMMANDS = 'src/commands/look.ts';

let work: string;
let host: StudioHost;
let api: StudioService;

function reloadsUntil(pack: string): Promise<ReloadEntry[]> {
  const seen: ReloadEntry[] = [];
  return new Promise((resolve) => {
    const off = host.events.subscribe((event) => {
      if (event.type !== 'reload') return;
      seen.push(event.entry);
      if (event.entry.packName === pack) {
        off();
        resolve(seen);
      }
    });
  });
}

const status = async (name: string) => (await api.listPacks()).find((p) => p.pack.name === name)?.pack.status;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'maid-broken-dependency-'));
  await cp(repoPacks, join(work, 'packs'), { recursive: true });
  const file = join(work, 'packs', 'starter-world', COMMANDS);
  await writeFile(file, `${await readFile(file, 'utf8')}\nconst broken = ;\n`);
  host = await StudioHost.start({ mode: 'web', packsDir: join(work, 'packs'), dataDir: join(work, 'data'), watchDebounce: 0.05, gamePort: 0, consoleLog: false });
  api = new StudioService(host);
});

afterAll(async () => {
  await host?.stop();
  await rm(work, { recursive: true, force: true });
});

describe('a pack that others depend on, broken at start', () => {
  it('is shown failed, and so is the pack that depends on it', async () => {
    expect(await status('starter-world')).toBe('failed');
    expect(await status('combat')).toBe('failed');
    expect((await api.listPacks()).find((p) => p.pack.name === 'combat')?.pack.error).toContain("'starter-world'");
  });

  it('loads once fixed, and its dependant loads after it', async () => {
    const file = await api.readFile({ pack: 'starter-world', path: COMMANDS });
    const reloads = reloadsUntil('combat');
    await api.saveFile({ pack: 'starter-world', path: COMMANDS, content: file.content.replace('\nconst broken = ;\n', ''), baseVersion: file.version });
    const entries = await reloads;
    expect(entries.map((e) => [e.packName, e.success, e.trigger])).toEqual([
      ['starter-world', true, 'file'],
      ['combat', true, 'dependency'],
    ]);
    expect(await status('starter-world')).toBe('loaded');
    expect(await status('combat')).toBe('loaded');
    expect(host.engine.commands.resolve('attack')).toBeDefined();
  });
});
