// A pack that fails at start takes its dependants down with it; once it is
// fixed, they load too, without restarting the studio.
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReloadEntry } from '../../shared/model';
import { StudioService } from '../api/studio-service';
import { StudioHost } from './studio-host';
import { startHostOnCopy, type HostUnderTest } from './studio-host.test-kit';

const COMMANDS = 'src/commands/look.ts';

let host: StudioHost;
let api: StudioService;
let kit: HostUnderTest;

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
  ({ host, api } = kit = await startHostOnCopy({
    name: 'broken-dependency',
    prepare: async (packs) => {
      const file = join(packs, 'starter-world', COMMANDS);
      await writeFile(file, `${await readFile(file, 'utf8')}\nconst broken = ;\n`);
    },
  }));
}, 60_000);

afterAll(() => kit?.stop());

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
    expect((await api.listPacks()).find((p) => p.pack.name === 'combat')?.pack.commands).toContain('attack');
  });
});

describe('a pack whose code reads another pack as it loads, while that one is broken', () => {
  let dir: string;
  let studio: StudioHost;

  function writePack(name: string, packTs: string): Promise<void> {
    return mkdir(join(dir, name, 'src'), { recursive: true }).then(async () => {
      await writeFile(join(dir, name, 'package.json'), JSON.stringify({ name }));
      await writeFile(join(dir, name, 'src', 'pack.ts'), packTs);
    });
  }

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'maid-waiting-pack-'));
    await writePack('base', "export const GREETING = 'hello' +;\nexport default class BasePack {\n  manifest = { name: 'base', version: '1.0.0' };\n}\n");
    // Reads base's exports while its module runs, so it cannot even be read while base is not loaded.
    await writePack('top', "import { GREETING } from '@packs/base';\nconst greeting = `${GREETING}!`;\nexport default class TopPack {\n  manifest = { name: 'top', version: '1.0.0', description: greeting, dependencies: ['base'] };\n}\n");
    studio = await StudioHost.start({ mode: 'web', packsDir: dir, dataDir: join(dir, '.data'), watchDebounce: 0.05, gamePort: 0, consoleLog: false });
  });

  afterAll(async () => {
    await studio?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('is shown failed, and loads right after the broken one is fixed', async () => {
    const packs = () => new StudioService(studio).listPacks();
    expect((await packs()).find((p) => p.pack.name === 'top')?.pack).toMatchObject({ status: 'failed', error: expect.stringContaining("Pack 'base' (imported as '@packs/base') is not loaded") });
    const seen: ReloadEntry[] = [];
    const done = new Promise<void>((resolve) => {
      const off = studio.events.subscribe((event) => {
        if (event.type !== 'reload') return;
        seen.push(event.entry);
        if (event.entry.packName === 'top') {
          off();
          resolve();
        }
      });
    });
    const file = join(dir, 'base', 'src', 'pack.ts');
    await writeFile(file, (await readFile(file, 'utf8')).replace("'hello' +;", "'hello';"));
    await done;
    expect(seen.map((e) => [e.packName, e.success, e.trigger])).toEqual([
      ['base', true, 'file'],
      ['top', true, 'dependency'],
    ]);
    expect((await packs()).find((p) => p.pack.name === 'top')?.pack.description).toBe('hello!');
  });
});
