// `@maid/engine` as pack code sees it: the pack API, never the host's.
import { afterEach, describe, expect, it } from 'vitest';
import * as packApi from '../index';
import * as hostApi from '../host';
import { createTestEngine, type TestEngine } from '../testing';
import { createTestPack, type TestPack } from '../loader/test-pack';

const HOST_ONLY = ['GameServer', 'HotReloadManager', 'MemoryStorage', 'SqliteStorage', 'WorldPersistence', 'storageFromSettings', 'getSettings', 'DataDirLock', 'discoverPacks'];

const packages: TestPack[] = [];
let engine: TestEngine | undefined;

afterEach(async () => {
  await engine?.stop();
  engine = undefined;
  for (const p of packages.splice(0)) p.cleanup();
});

function leakyPack(source: string): TestPack {
  const pack = createTestPack({ 'package.json': JSON.stringify({ name: 'leaky', version: '0.1.0' }), 'src/pack.ts': source });
  packages.push(pack);
  return pack;
}

const MANIFEST = "export default { manifest: { name: 'leaky', version: '0.1.0' } };\n";

async function loadError(pack: TestPack): Promise<string> {
  engine = await createTestEngine();
  try {
    await engine.engine.loadPackFromPath(pack.dir);
  } catch (err) {
    expect(engine.engine.listPacks()).toEqual([]);
    return (err as Error).message;
  }
  throw new Error('the pack loaded');
}

describe('the two entries', () => {
  it('the pack entry has none of the host names; the host entry has all of the pack names', () => {
    for (const name of HOST_ONLY) {
      expect(Object.keys(packApi), name).not.toContain(name);
      expect(Object.keys(hostApi), name).toContain(name);
    }
    for (const name of Object.keys(packApi)) expect(Object.keys(hostApi), name).toContain(name);
  });
});

describe('a pack importing from @maid/engine', () => {
  it('fails to load when it imports a host-only name, at the line and column of the import', async () => {
    const pack = leakyPack(`import { defineCommand, GameServer } from '@maid/engine';\nexport const server = GameServer;\nexport const ping = defineCommand;\n${MANIFEST}`);
    const at = pack.position('src/pack.ts', 'GameServer');
    const message = await loadError(pack);
    expect(message).toContain("'GameServer' is not part of the pack API: '@maid/engine' gives packs the pack API only");
    expect(message).toContain(`at src/pack.ts:${at.line}:${at.column}`);
  });

  it('names the import of a deeper module of the pack, in a multi-line import list', async () => {
    const pack = leakyPack(`import { storage } from './store';\n${MANIFEST}export const s = storage;\n`);
    pack.write('src/store.ts', "import {\n  System,\n  MemoryStorage,\n} from '@maid/engine';\nexport const storage = () => new MemoryStorage();\nexport const S = System;\n");
    const message = await loadError(pack);
    expect(message).toContain("'MemoryStorage' is not part of the pack API");
    expect(message).toContain('at src/store.ts:3:3');
  });

  it('refuses a re-export of a host-only name, and a name the engine does not have', async () => {
    expect(await loadError(leakyPack(`export { HotReloadManager } from '@maid/engine';\n${MANIFEST}`))).toContain("'HotReloadManager' is not part of the pack API");
    const typo = await loadError(leakyPack(`import { defineComponnet } from '@maid/engine';\nexport const C = defineComponnet({ name: 'C', defaults: () => ({}) });\n${MANIFEST}`));
    expect(typo).toContain("'@maid/engine' has no export 'defineComponnet'");
  });

  it('gets the same message when it reaches a host-only name through a namespace import', async () => {
    const message = await loadError(leakyPack(`import * as maid from '@maid/engine';\nexport const Server = maid.GameServer;\n${MANIFEST}`));
    expect(message).toContain("'GameServer' is not part of the pack API");
    expect(message).toContain('at src/pack.ts:2:');
  });

  it('cannot import the host entry at all', async () => {
    const message = await loadError(leakyPack(`import { GameServer } from '@maid/engine/host';\nexport const S = GameServer;\n${MANIFEST}`));
    expect(message).toContain("'@maid/engine/host' is not for packs: a pack imports the pack API from '@maid/engine'");
    expect(message).toContain('at src/pack.ts:1:28');
  });

  it('loads with pack API names, type-only imports of host names included (they are erased)', async () => {
    const pack = leakyPack(
      "import { defineCommand, UsageError, type GameEngine } from '@maid/engine';\n" +
        "import type { GameServer } from '@maid/engine';\n" +
        "let seen: GameServer | GameEngine | undefined;\n" +
        "const ping = defineCommand({ name: 'ping', help: 'p', handler: (ctx) => { if (ctx.args.length > 0) throw new UsageError('ping'); ctx.session.send('pong'); } });\n" +
        "export default { manifest: { name: 'leaky', version: '0.1.0' }, getCommands: () => [ping], onLoad: (e: GameEngine) => { seen = e; } };\n" +
        'export const used = () => seen;\n',
    );
    engine = await createTestEngine();
    const record = await engine.engine.loadPackFromPath(pack.dir);
    expect(record.status).toBe('loaded');
    expect(engine.engine.commands.resolve('ping')).toBeDefined();
  });

  it('a reload that adds a host-only import is rolled back, and the message names it', async () => {
    const pack = leakyPack(`import { System } from '@maid/engine';\nexport const S = System;\n${MANIFEST}`);
    engine = await createTestEngine();
    await engine.engine.loadPackFromPath(pack.dir);
    pack.write('src/pack.ts', `import { System, SqliteStorage } from '@maid/engine';\nexport const S = System;\nexport const D = SqliteStorage;\n${MANIFEST}`);
    const result = await engine.engine.hotReload.reloadPack('leaky');
    expect(result.success).toBe(false);
    expect(result.error?.message).toContain("'SqliteStorage' is not part of the pack API");
    expect(result.error).toMatchObject({ file: 'src/pack.ts', line: 1, column: 18 });
    expect(engine.engine.getPack('leaky')?.status).toBe('loaded');
  });
});
