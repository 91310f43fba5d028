// The studio starts even when a pack does not compile: the pack shows as
// failed with its files and the error's place, and loads once it is fixed.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReloadEntry } from '../../shared/model';
import type { StudioService } from '../api/studio-service';
import type { StudioHost } from './studio-host';
import { startHostOnCopy, type HostUnderTest } from './studio-host.test-kit';

const COMBAT = 'src/systems/combat.ts';

let host: StudioHost;
let api: StudioService;
let kit: HostUnderTest;

function nextReload(): Promise<ReloadEntry> {
  return new Promise((resolve) => {
    const off = host.events.subscribe((event) => {
      if (event.type === 'reload') {
        off();
        resolve(event.entry);
      }
    });
  });
}

beforeAll(async () => {
  ({ host, api } = kit = await startHostOnCopy({
    name: 'broken-pack',
    prepare: async (packs) => {
      const file = join(packs, 'combat', COMBAT);
      await writeFile(file, (await readFile(file, 'utf8')).replace('BASE_DAMAGE = 10;', 'BASE_DAMAGE = 10 +;'));
    },
  }));
}, 60_000);

afterAll(() => kit?.stop());

describe('a pack that does not compile at start', () => {
  it('is listed as failed, with its files, and the failure is on the timeline at its line', async () => {
    const combat = (await api.listPacks()).find((p) => p.pack.name === 'combat');
    expect(combat?.pack.status).toBe('failed');
    expect(combat?.pack.error).toMatch(/Unexpected ";"/);
    expect(JSON.stringify(combat?.files)).toContain(COMBAT);
    expect((await api.listPacks()).find((p) => p.pack.name === 'starter-world')?.pack.status).toBe('loaded');
    const [entry] = await api.getReloadHistory();
    expect(entry).toMatchObject({ packName: 'combat', success: false, trigger: 'load', error: { file: COMBAT, line: 7 } });
    expect((await api.readFile({ pack: 'combat', path: COMBAT })).content).toContain('10 +;');
  });

  it('loads once the author fixes and saves it', async () => {
    const file = await api.readFile({ pack: 'combat', path: COMBAT });
    const next = nextReload();
    await api.saveFile({ pack: 'combat', path: COMBAT, content: file.content.replace('10 +;', '10;'), baseVersion: file.version });
    expect(await next).toMatchObject({ packName: 'combat', success: true, trigger: 'file', changedFiles: [COMBAT] });
    const combat = (await api.listPacks()).find((p) => p.pack.name === 'combat');
    expect(combat?.pack.status).toBe('loaded');
    expect(combat?.pack.systems).toContain('CombatSystem');
  });

  it('reloads normally from then on', async () => {
    const file = await api.readFile({ pack: 'combat', path: COMBAT });
    const next = nextReload();
    await api.saveFile({ pack: 'combat', path: COMBAT, content: file.content.replace('BASE_DAMAGE = 10;', 'BASE_DAMAGE = 12;'), baseVersion: file.version });
    expect(await next).toMatchObject({ packName: 'combat', success: true, trigger: 'file' });
  });
});
