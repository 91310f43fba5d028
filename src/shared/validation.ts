// Checks the arguments of every studio call before the host acts on them.
// Both transports run these: whatever arrives over IPC or HTTP is untrusted.

import type { ArgsOf, StudioMethod } from './api';
import { StudioError } from './errors';
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
