// Checks the arguments of every studio call before the host acts on them.
// Both transports run these: whatever arrives over IPC or HTTP is untrusted.

import type { ArgsOf, StudioMethod } from './api';
import { StudioError } from './errors';
import { MAX_ENTITY_PAGE, type EntityEdit, type EntityListRequest, type FieldPath } from './model';
import { mapEdit, mapWatchRequest } from './map-validation';
import { normalizePackPath, PACK_NAME } from './pack-paths';

/** The largest file the studio reads or writes (bytes of UTF-8). */
export const MAX_FILE_BYTES = 2 * 1024 * 1024;

const invalid = (message: string): never => {
  throw new StudioError('invalid-argument', message);
};

function record(method: string, value: unknown, keys: readonly string[]): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) invalid(`${method} takes an object with ${keys.join(', ')}`);
  const obj = value as Record<string, unknown>;
  const unknownKeys = Object.keys(obj).filter((k) => !keys.includes(k));
  if (unknownKeys.length > 0) invalid(`${method}: unknown field ${unknownKeys.map((k) => JSON.stringify(k)).join(', ')}; accepted: ${keys.join(', ')}`);
  return obj;
}

function packName(method: string, value: unknown): string {
  if (typeof value !== 'string' || !PACK_NAME.test(value) || value.length > 100) invalid(`${method}: "pack" must be a pack name such as "combat"`);
  return value as string;
}

function path(method: string, field: string, value: unknown): string {
  if (typeof value !== 'string') invalid(`${method}: "${field}" must be a path inside the pack folder, such as "src/pack.ts"`);
  return normalizePackPath(value as string);
}

function content(method: string, value: unknown): string {
  if (typeof value !== 'string') invalid(`${method}: "content" must be a string`);
  const text = value as string;
  // UTF-8 takes at most 3 bytes per UTF-16 unit: a cheap bound before the exact count.
  if (text.length * 3 > MAX_FILE_BYTES && new TextEncoder().encode(text).byteLength > MAX_FILE_BYTES) {
    throw new StudioError('too-large', `${method}: the content is larger than ${MAX_FILE_BYTES / 1024 / 1024} MB`);
  }
  return text;
}

function optionalVersion(method: string, value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !/^[0-9a-f]{1,64}$/.test(value)) invalid(`${method}: "baseVersion" must be the version a read returned`);
  return value as string;
}

function arity(method: string, args: unknown[], n: number): void {
  if (!Array.isArray(args)) invalid(`${method}: arguments must be a list`);
  if (args.length !== n) invalid(`${method} takes ${n} argument${n === 1 ? '' : 's'}, got ${args.length}`);
}

const none =
  <M extends StudioMethod>(method: M) =>
  (args: unknown[]): ArgsOf<M> => {
    arity(method, args, 0);
    return [] as unknown as ArgsOf<M>;
  };

const fileRef = (method: string, raw: unknown) => {
  const o = record(method, raw, ['pack', 'path']);
  return { pack: packName(method, o.pack), path: path(method, 'path', o.path) };
};

const COMPONENT_NAME = /^[A-Za-z][A-Za-z0-9_.-]*$/;
const ENTITY_ID = /^[\x21-\x7e]{1,200}$/;
const VIEWER = /^[A-Za-z0-9_-]{1,100}$/;
/** How deep and how big a value set into a component may be. */
const MAX_VALUE_DEPTH = 32;
const MAX_VALUE_NODES = 10_000;

function entityId(method: string, value: unknown): string {
  if (typeof value !== 'string' || !ENTITY_ID.test(value)) invalid(`${method}: "entity" must be an entity id, such as the list shows`);
  return value as string;
}

function componentName(method: string, value: unknown): string {
  if (typeof value !== 'string' || value.length > 200 || !COMPONENT_NAME.test(value)) invalid(`${method}: "component" must be a component name such as "Health"`);
  return value as string;
}

function optionalText(method: string, field: string, value: unknown, max: number): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value.length > max) invalid(`${method}: "${field}" must be a string of at most ${max} characters`);
  return value as string;
}

function optionalCount(method: string, field: string, value: unknown, max = Number.MAX_SAFE_INTEGER): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0 || value > max) invalid(`${method}: "${field}" must be a whole number from 0 to ${max}`);
  return value as number;
}

function fieldPath(method: string, value: unknown): FieldPath {
  const ok = Array.isArray(value) && value.length > 0 && value.length <= MAX_VALUE_DEPTH && value.every((k) => (typeof k === 'string' && k.length > 0 && k.length <= 200) || (typeof k === 'number' && Number.isSafeInteger(k) && k >= 0));
  if (!ok) invalid(`${method}: "path" must be a list of field names and list indexes, such as ["current"]`);
  return value as FieldPath;
}

/** A JSON value (what a component holds): plain objects, lists, strings, finite numbers, true/false, null. */
function jsonValue(method: string, value: unknown): unknown {
  let nodes = 0;
  const walk = (v: unknown, depth: number): void => {
    if (++nodes > MAX_VALUE_NODES || depth > MAX_VALUE_DEPTH) invalid(`${method}: "value" is too big (at most ${MAX_VALUE_NODES} parts, ${MAX_VALUE_DEPTH} deep)`);
    if (v === null || typeof v === 'string' || typeof v === 'boolean') return;
    if (typeof v === 'number') {
      if (!Number.isFinite(v)) invalid(`${method}: "value" must be a JSON value; ${String(v)} is not a JSON number`);
      return;
    }
    if (Array.isArray(v)) return v.forEach((x) => walk(x, depth + 1));
    if (typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) return Object.values(v as object).forEach((x) => walk(x, depth + 1));
    invalid(`${method}: "value" must be a JSON value (text, a number, true/false, null, a list or an object), not ${v === undefined ? 'undefined' : typeof v}`);
  };
  walk(value, 0);
  return value;
}

function entityEdit(raw: unknown): EntityEdit {
  const method = 'editEntity';
  const op = (raw as { op?: unknown } | null)?.op;
  switch (op) {
    case 'set': {
      const o = record(method, raw, ['op', 'entity', 'component', 'path', 'value']);
      if (!('value' in o)) invalid(`${method}: a set needs a "value"`);
      return { op, entity: entityId(method, o.entity), component: componentName(method, o.component), path: fieldPath(method, o.path), value: jsonValue(method, o.value) };
    }
    case 'add':
    case 'remove': {
      const o = record(method, raw, ['op', 'entity', 'component']);
      return { op, entity: entityId(method, o.entity), component: componentName(method, o.component) };
    }
    case 'destroy': {
      const o = record(method, raw, ['op', 'entity']);
      return { op, entity: entityId(method, o.entity) };
    }
    default:
      return invalid(`${method}: "op" must be one of set, add, remove, destroy`);
  }
}

function listRequest(raw: unknown): EntityListRequest {
  const method = 'listEntities';
  const o = record(method, raw, ['search', 'query', 'room', 'offset', 'limit']);
  const request: EntityListRequest = {};
  const room = optionalText(method, 'room', o.room, 400);
  if (room !== undefined) request.room = room;
  const search = optionalText(method, 'search', o.search, 200);
  const query = optionalText(method, 'query', o.query, 1000);
  const offset = optionalCount(method, 'offset', o.offset);
  const limit = optionalCount(method, 'limit', o.limit, MAX_ENTITY_PAGE);
  if (search !== undefined) request.search = search;
  if (query !== undefined) request.query = query;
  if (offset !== undefined) request.offset = offset;
  if (limit !== undefined) request.limit = limit;
  return request;
}

type Validators = { [M in StudioMethod]: (args: unknown[]) => ArgsOf<M> };

export const VALIDATORS: Validators = {
  getInfo: none('getInfo'),
  listPacks: none('listPacks'),
  getReloadHistory: none('getReloadHistory'),
  getLog: none('getLog'),
  getTypeLibraries: none('getTypeLibraries'),
  getProblems: none('getProblems'),
  restartEngine: none('restartEngine'),
  getPackTestRuns: none('getPackTestRuns'),
  getTestsAfterReload: none('getTestsAfterReload'),
  runPackTests: (args) => {
    arity('runPackTests', args, 1);
    return [packName('runPackTests', args[0])];
  },
  setTestsAfterReload: (args) => {
    arity('setTestsAfterReload', args, 2);
    if (typeof args[1] !== 'boolean') invalid('setTestsAfterReload: "on" must be true or false');
    return [packName('setTestsAfterReload', args[0]), args[1] as boolean];
  },
  setUnsavedFiles: (args) => {
    arity('setUnsavedFiles', args, 2);
    if (!Array.isArray(args[1]) || args[1].length > 1000) invalid('setUnsavedFiles: "files" must be a list of at most 1000 paths');
    return [packName('setUnsavedFiles', args[0]), (args[1] as unknown[]).map((f) => path('setUnsavedFiles', 'files', f))];
  },
  openGameSession: none('openGameSession'),
  readFile: (args) => {
    arity('readFile', args, 1);
    return [fileRef('readFile', args[0])];
  },
  deleteFile: (args) => {
    arity('deleteFile', args, 1);
    return [fileRef('deleteFile', args[0])];
  },
  readPackSources: (args) => {
    arity('readPackSources', args, 1);
    return [packName('readPackSources', args[0])];
  },
  reloadPack: (args) => {
    arity('reloadPack', args, 1);
    return [packName('reloadPack', args[0])];
  },
  saveFile: (args) => {
    arity('saveFile', args, 1);
    const o = record('saveFile', args[0], ['pack', 'path', 'content', 'baseVersion']);
    const baseVersion = optionalVersion('saveFile', o.baseVersion);
    return [
      {
        pack: packName('saveFile', o.pack),
        path: path('saveFile', 'path', o.path),
        content: content('saveFile', o.content),
        ...(baseVersion ? { baseVersion } : {}),
      },
    ];
  },
  createFile: (args) => {
    arity('createFile', args, 1);
    const o = record('createFile', args[0], ['pack', 'path', 'content']);
    return [
      {
        pack: packName('createFile', o.pack),
        path: path('createFile', 'path', o.path),
        ...(o.content === undefined ? {} : { content: content('createFile', o.content) }),
      },
    ];
  },
  listEntities: (args) => {
    arity('listEntities', args, 1);
    return [listRequest(args[0])];
  },
  inspectEntity: (args) => {
    arity('inspectEntity', args, 1);
    return [entityId('inspectEntity', args[0])];
  },
  editEntity: (args) => {
    arity('editEntity', args, 1);
    return [entityEdit(args[0])];
  },
  undoEdit: (args) => {
    arity('undoEdit', args, 1);
    const id = args[0];
    if (typeof id !== 'number' || !Number.isSafeInteger(id) || id < 1) invalid('undoEdit: the argument must be the id of an edit entry on the timeline');
    return [id as number];
  },
  watchEntity: (args) => {
    arity('watchEntity', args, 1);
    const o = record('watchEntity', args[0], ['viewer', 'entity']);
    if (typeof o.viewer !== 'string' || !VIEWER.test(o.viewer)) invalid('watchEntity: "viewer" must be the window\'s id (letters, digits, "-" and "_")');
    return [{ viewer: o.viewer as string, entity: o.entity === null ? null : entityId('watchEntity', o.entity) }];
  },
  findComponentSource: (args) => {
    arity('findComponentSource', args, 1);
    const o = record('findComponentSource', args[0], ['pack', 'component']);
    return [{ pack: packName('findComponentSource', o.pack), component: componentName('findComponentSource', o.component) }];
  },
  getMap: none('getMap'),
  watchMap: (args) => {
    arity('watchMap', args, 1);
    return [mapWatchRequest(args[0])];
  },
  editMap: (args) => {
    arity('editMap', args, 1);
    return [mapEdit(args[0])];
  },
  renameFile: (args) => {
    arity('renameFile', args, 1);
    const o = record('renameFile', args[0], ['pack', 'from', 'to']);
    return [{ pack: packName('renameFile', o.pack), from: path('renameFile', 'from', o.from), to: path('renameFile', 'to', o.to) }];
  },
};

/** Checks a call's arguments; returns them typed and normalised, or throws a StudioError. */
export function validateArgs<M extends StudioMethod>(method: M, args: unknown): ArgsOf<M> {
  if (!Array.isArray(args)) invalid(`${method}: arguments must be a list`);
  return VALIDATORS[method](args as unknown[]) as ArgsOf<M>;
}
