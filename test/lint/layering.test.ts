// The layering rule (lint/layering.js) run through ESLint with the
// repository's own config, on snippets placed (by path only) in each layer.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const eslint = new ESLint({ cwd: root });

/** The layering messages for `code` as if it were the file at `path` (relative to the repository). */
async function crossings(path: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(root, path) });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'maid/layering').map((m) => m.message);
}

describe('the layering rule', () => {
  it('refuses the engine an import from the CLI, the studio and the renderer', async () => {
    expect(await crossings('src/engine/hot-reload/leak.ts', "import { main } from '../../cli/main';\nexport const run = main;\n")).toEqual([
      'src/engine may not import src/cli: the engine never imports from the gateway, the studio (main, preload, renderer, shared) or the CLI, and has no Electron.',
    ]);
    expect(await crossings('src/engine/leak.ts', "export type { StudioApi } from '../shared/api';\nexport * from '../main/paths';\nexport const ui = () => import('../renderer/main');\n")).toEqual([
      expect.stringMatching(/^src\/engine may not import src\/shared: /),
      expect.stringMatching(/^src\/engine may not import src\/main: /),
      expect.stringMatching(/^src\/engine may not import src\/renderer: /),
    ]);
    expect(await crossings('src/engine/leak.ts', "import { app } from 'electron';\nexport const a = app;\n")).toEqual([expect.stringMatching(/^src\/engine may not import electron: /)]);
  });

  it('lets the engine import itself and packages, and the hosts import the engine', async () => {
    expect(await crossings('src/engine/x.ts', "import { MaidError } from './core/errors';\nimport { build } from 'esbuild';\nexport const x = [MaidError, build];\n")).toEqual([]);
    expect(await crossings('src/cli/x.ts', "import { GameEngine } from '../engine/host';\nexport const x = GameEngine;\n")).toEqual([]);
    expect(await crossings('src/main/host/x.ts', "import { GameServer } from '../../engine/host';\nimport type { PackInfo } from '../../shared/model';\nexport const x = GameServer;\nexport type Y = PackInfo;\n")).toEqual([]);
  });

  it('keeps the renderer to itself and src/shared', async () => {
    expect(await crossings('src/renderer/x.ts', "import { findRepoRoot } from '../main/paths';\nimport { World } from '@maid/engine';\nimport type { Model } from '../shared/model';\nexport const x = [findRepoRoot, World];\nexport type M = Model;\n")).toEqual([
      expect.stringMatching(/^src\/renderer may not import src\/main: /),
      expect.stringMatching(/^src\/renderer may not import '@maid\/engine' \(the pack API\): /),
    ]);
  });

  it("keeps a pack to the pack API, the test kit, other packs and its own folder", async () => {
    const pack = 'packs/combat/src/systems/x.ts';
    expect(await crossings(pack, "import { System } from '@maid/engine';\nimport { Room } from '@packs/starter-world';\nimport { Health } from '../components/health';\nimport { join } from 'node:path';\nexport const x = [System, Room, Health, join];\n")).toEqual([]);
    expect(await crossings(pack, "import { GameServer } from '@maid/engine/host';\nimport { World } from '../../../../src/engine/ecs/world';\nimport { Places } from '../../../starter-world/src/world/places';\nexport const x = [GameServer, World, Places];\n")).toEqual([
      expect.stringMatching(/^packs\/combat may not import '@maid\/engine\/host' \(the host API\): a pack imports '@maid\/engine' \(the pack API\)/),
      expect.stringMatching(/^packs\/combat may not import src\/engine\/ecs\/world \(outside the pack's folder\): /),
      expect.stringMatching(/^packs\/combat may not import packs\/starter-world\/src\/world\/places \(outside the pack's folder\): /),
    ]);
  });

  it('keeps the gateway and the engine host apart: each reaches the other only through src/link', async () => {
    expect(await crossings('src/gateway/x.ts', "import { EngineHost } from '../engine-host/engine-host';\nimport type { GatewayFrame } from '../link/frames';\nexport const x = EngineHost;\nexport type F = GatewayFrame;\n")).toEqual([
      expect.stringMatching(/^src\/gateway may not import src\/engine-host: .*only through src\/link/),
    ]);
    expect(await crossings('src/engine-host/x.ts', "import { Gateway } from '../gateway/gateway';\nimport { GameEngine } from '../engine/host';\nexport const x = [Gateway, GameEngine];\n")).toEqual([
      expect.stringMatching(/^src\/engine-host may not import src\/gateway: /),
    ]);
    expect(await crossings('src/link/x.ts', "import { GameEngine } from '../engine/host';\nexport const x = GameEngine;\n")).toEqual([expect.stringMatching(/^src\/link may not import src\/engine: /)]);
    expect(await crossings('src/engine/x.ts', "import { Gateway } from '../gateway/gateway';\nexport const x = Gateway;\n")).toEqual([expect.stringMatching(/^src\/engine may not import src\/gateway: /)]);
  });
});
