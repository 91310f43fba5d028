import { isAbsolute, relative } from 'node:path';
import type { GameEngine } from '../engine';
import type { ReloadResult, ReloadTrigger } from '../hot-reload/types';
import { AdminError } from './errors';
import type { AdminReloadRequest, AdminReloadResponse, ReloadTargetType } from './protocol';

/** Longest reload target: a pack name or a module id, as long as a file name at most. */
const MAX_TARGET_CHARS = 255;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;
const TYPES: readonly ReloadTargetType[] = ['pack', 'module', 'auto'];
/** Triggers a client may claim: `dev reload` is `manual`, its --watch mode `file`, anything else `api`. */
const CLIENT_TRIGGERS: readonly ReloadTrigger[] = ['api', 'manual', 'file'];

export interface ValidReloadRequest {
  target: string;
  type: ReloadTargetType;
  trigger: ReloadTrigger;
  changedFiles: string[];
}

/** Checks a request body field by field; every problem is a `bad-request` naming the field and what it accepts. */
export function validateReloadRequest(body: unknown): ValidReloadRequest {
  const bad = (message: string) => new AdminError('bad-request', message);
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw bad('The body must be a JSON object: { "target": "combat", "type": "pack" }');
  const b = body as Record<string, unknown> & Partial<AdminReloadRequest>;
  const known = new Set(['target', 'type', 'trigger', 'changedFiles']);
  const unknown = Object.keys(b).filter((k) => !known.has(k));
  if (unknown.length > 0) throw bad(`Unknown field(s) ${unknown.join(', ')}; accepted: ${[...known].join(', ')}`);
  if (typeof b.target !== 'string' || b.target.trim() === '') throw bad('"target" must be a pack name or a module id (a non-empty string)');
  if (b.target.length > MAX_TARGET_CHARS) throw bad(`"target" must be a pack name or a module id of at most ${MAX_TARGET_CHARS} characters (got ${b.target.length})`);
  if (CONTROL.test(b.target)) throw bad('"target" must be a pack name or a module id, without control characters (NUL, newlines...)');
  const type = b.type ?? 'auto';
  if (!TYPES.includes(type)) throw bad(`"type" must be one of ${TYPES.join(', ')}`);
  const trigger = (b.trigger as ReloadTrigger | undefined) ?? 'api';
  if (!CLIENT_TRIGGERS.includes(trigger)) throw bad(`"trigger" must be one of ${CLIENT_TRIGGERS.join(', ')}`);
  const files = b.changedFiles ?? [];
  if (!Array.isArray(files) || files.length > 1000 || files.some((f) => typeof f !== 'string' || f.length > 4096 || CONTROL.test(f) || !isAbsolute(f))) {
    throw bad('"changedFiles" must be a list of absolute file paths');
  }
  return { target: b.target.trim(), type, trigger, changedFiles: files };
}

function loadedPackNames(engine: GameEngine): string {
  return engine.listPacks().map((p) => p.name).join(', ') || 'none';
}

/** Which pack holds a module id, if any loaded pack does. */
function packOfModule(engine: GameEngine, moduleId: string): string | undefined {
  return engine.listPacks().find((p) => engine.hotReload.getSource(p.name)?.resolveModule(moduleId) !== undefined)?.name;
}

/**
 * The seed writes module ids as Python import paths, where the pack
 * `my-content-pack` is the package `my_content_pack`: accept that first
 * segment for the pack's name, so `my_content_pack.systems.combat` works.
 */
function canonicalModuleId(engine: GameEngine, moduleId: string): string {
  if (packOfModule(engine, moduleId)) return moduleId;
  const [first, ...rest] = moduleId.split('.');
  const pack = engine.listPacks().find((p) => p.name.replace(/-/g, '_') === first);
  return pack && rest.length > 0 ? [pack.name, ...rest].join('.') : moduleId;
}

/**
 * Runs the reload a request asks for and collects the reloads of the packs
 * that depend on the target, which the engine runs after it. An unknown
 * pack or module is a `not-found` error (and leaves the history alone); a
 * reload that fails is a result with `success: false`, not an error.
 */
export async function runReloadRequest(engine: GameEngine, request: ValidReloadRequest): Promise<AdminReloadResponse> {
  const { trigger } = request;
  const type = request.type === 'auto' ? (engine.getPack(request.target) ? 'pack' : 'module') : request.type;
  const target = type === 'module' ? canonicalModuleId(engine, request.target) : request.target;
  let packName: string;
  if (type === 'pack') {
    const record = engine.getPack(target);
    if (!record) {
      const asModule = packOfModule(engine, target) ? ` ('${target}' is a module of pack '${packOfModule(engine, target)}': use --type module)` : '';
      throw new AdminError('not-found', `No pack named '${target}' is loaded; loaded packs: ${loadedPackNames(engine)}${asModule}`);
    }
    const outside = request.changedFiles.find((f) => !record.dir || relative(record.dir, f).startsWith('..'));
    if (outside) throw new AdminError('bad-request', `Changed file ${outside} is not inside pack '${target}'${record.dir ? ` (${record.dir})` : ''}`);
    packName = target;
  } else {
    const holder = packOfModule(engine, target);
    if (!holder) {
      const hint = engine.getPack(target) ? ` ('${target}' is a pack: use --type pack)` : ': give a module id like combat.systems.combat, or a file within a pack like systems/combat.ts';
      throw new AdminError('not-found', `No loaded pack has a module '${target}'${hint}; loaded packs: ${loadedPackNames(engine)}`);
    }
    packName = holder;
  }

  const dependants: ReloadResult[] = [];
  const expected = new Set(engine.dependantsOf(packName));
  const listening = engine.hotReload.onReload.on((r) => {
    if (r.trigger === 'dependency' && expected.has(r.packName)) dependants.push(r);
  });
  try {
    const result =
      type === 'pack'
        ? await engine.hotReload.reloadPack(target, undefined, { trigger, ...(request.changedFiles.length > 0 ? { changedFiles: request.changedFiles } : {}) })
        : await engine.hotReload.reloadModule(target, { trigger });
    return { result, dependants };
  } finally {
    listening.dispose();
  }
}
