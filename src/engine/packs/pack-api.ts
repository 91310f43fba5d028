// What pack code gets when it imports the engine: `@maid/engine` is the pack
// API (../index.ts) and nothing else, `@maid/engine/testing` the test kit.
// A host-only name (GameServer, a storage driver, HotReloadManager, ...)
// fails the pack's load at the line of its import, with a message that says
// it is not part of the pack API; a use the load cannot see in advance
// (`import * as maid` then `maid.GameServer`) throws the same message.
import * as packApi from '../index';
import * as hostApi from '../host';
import * as testingApi from '../testing/index';
import { PackError } from '../core/errors';
import type { ImportRule } from '../loader';

export const PACK_API = '@maid/engine';
export const TEST_KIT = '@maid/engine/testing';

function has(namespace: object, name: string): boolean {
  return Object.hasOwn(namespace, name);
}

function isHostOnly(name: string): boolean {
  return has(hostApi, name) && !has(packApi, name);
}

function hostOnlyMessage(name: string): string {
  return `'${name}' is not part of the pack API: '${PACK_API}' gives packs the pack API only, and ${name} is for the code that hosts the engine (the host entry, src/engine/host.ts)`;
}

/** The import rule the engine gives its pack loaders. */
export const packImportRule: ImportRule = (specifier, name) => {
  if (specifier.startsWith(`${PACK_API}/`) && specifier !== TEST_KIT) {
    return `'${specifier}' is not for packs: a pack imports the pack API from '${PACK_API}' and its test kit from '${TEST_KIT}'`;
  }
  if (name === undefined) return undefined;
  if (specifier === PACK_API) {
    if (has(packApi, name)) return undefined;
    return isHostOnly(name) ? hostOnlyMessage(name) : `'${PACK_API}' has no export '${name}' (it is not part of the pack API)`;
  }
  if (specifier === TEST_KIT && !has(testingApi, name)) return `'${TEST_KIT}' has no export '${name}'`;
  return undefined;
};

let packModule: object | undefined;

/**
 * The object pack code receives for `@maid/engine`: the pack API's values,
 * and for each host-only name a hidden property whose read throws. Built on
 * first use, after every engine module has run: ../host.ts imports the
 * engine, which imports this module, so the host entry may still be loading
 * when this one runs.
 */
function packEngineModule(): object {
  if (packModule) return packModule;
  const api: Record<string, unknown> = Object.create(null);
  for (const name of Object.keys(packApi)) api[name] = Reflect.get(packApi, name);
  for (const name of Object.keys(hostApi)) {
    if (!isHostOnly(name)) continue;
    Object.defineProperty(api, name, {
      enumerable: false,
      get: () => {
        throw new PackError(hostOnlyMessage(name));
      },
    });
  }
  packModule = Object.freeze(api);
  return packModule;
}

/** The host modules of a pack's loader: specifier → what `require(specifier)` returns to pack code. */
export function packHostModules(): Record<string, unknown> {
  return { [PACK_API]: packEngineModule(), [TEST_KIT]: testingApi };
}
