import { boundField } from '../core/log-fields';
import type { ComponentType } from '../ecs/component';
import type { World } from '../ecs/world';
import type { Command } from '../commands/define';
import type { System } from '../systems/system';
import type { GameEngine } from '../engine';

export interface PackManifest {
  /** Unique among loaded packs; other packs name it in their dependencies. */
  name: string;
  /** Semantic version of the pack, shown in the studio and the start-up log. */
  version: string;
  /** Names of packs that must be loaded before this one. */
  dependencies?: string[];
  description?: string;
}

export interface EventHandlerContext {
  readonly world: World;
  readonly engine: GameEngine;
}

export interface EventHandler<P = unknown> {
  readonly event: string;
  handler(payload: P, ctx: EventHandlerContext): void;
}

export function defineEventHandler<P = unknown>(event: string, handler: (payload: P, ctx: EventHandlerContext) => void): EventHandler<P> {
  if (typeof event !== 'string' || event === '') throw new TypeError('defineEventHandler: event must be a non-empty string');
  if (typeof handler !== 'function') throw new TypeError(`defineEventHandler(${event}): handler must be a function`);
  return Object.freeze({ event, handler });
}

/** Carries a component's data from one version to the next; chained 1→2→3. */
export interface ComponentMigration<From = any, To = any> { // eslint-disable-line @typescript-eslint/no-explicit-any
  component: string;
  from: number;
  to: number;
  migrate(data: From): To;
}

/**
 * A content pack: game content as code. Only `manifest` is required; the
 * engine registers what the getters return in the pack's own scope and
 * disposes all of it when the pack is unloaded or replaced by a reload.
 */
export interface ContentPack {
  manifest: PackManifest;
  getComponents?(): ComponentType<any>[]; // eslint-disable-line @typescript-eslint/no-explicit-any
  getSystems?(world: World): System[];
  getCommands?(): Command[];
  getEventHandlers?(): EventHandler<any>[]; // eslint-disable-line @typescript-eslint/no-explicit-any
  getMigrations?(): ComponentMigration[];
  onLoad?(engine: GameEngine): void | Promise<void>;
  onUnload?(engine: GameEngine): void | Promise<void>;
  /**
   * Absolute folder of the pack's area files (docs/building-a-world.md).
   * Default: `<pack folder>/areas` for a pack loaded from its folder; a pack
   * built as an object (in its own tests) names it, e.g. from `import.meta.url`.
   */
  getAreasDir?(): string;
}

const OPTIONAL_METHODS = ['getComponents', 'getSystems', 'getCommands', 'getEventHandlers', 'getMigrations', 'onLoad', 'onUnload', 'getAreasDir'] as const;
const NAME = /^[a-z0-9][a-z0-9._-]*$/;
const SEMVER = /^\d+\.\d+\.\d+(?:[-+][0-9A-Za-z.-]+)?$/;
/** Longest pack name and version: they go into log lines, the studio and the admin API. */
export const MAX_PACK_NAME = 100;
export const MAX_PACK_VERSION = 64;

/**
 * Every way the value falls short of the pack contract, as sentences a pack
 * author can act on. Empty when it is a valid pack.
 */
export function contractViolations(value: unknown): string[] {
  if (typeof value !== 'object' || value === null) return [`a content pack must be an object (got ${value === null ? 'null' : typeof value})`];
  const pack = value as Record<string, unknown>;
  const problems: string[] = [];
  const manifest = pack.manifest as Record<string, unknown> | undefined;
  if (typeof manifest !== 'object' || manifest === null) {
    problems.push('the pack has no manifest (expected `manifest = { name, version, dependencies }`)');
  } else {
    if (typeof manifest.name !== 'string' || manifest.name === '') problems.push('the manifest has no name');
    else if (manifest.name.length > MAX_PACK_NAME) problems.push(`manifest name must be at most ${MAX_PACK_NAME} characters (got ${manifest.name.length})`);
    else if (!NAME.test(manifest.name)) problems.push(`manifest name "${manifest.name}" must be lower-case letters, digits, ".", "_" or "-"`);
    if (typeof manifest.version === 'string' && manifest.version.length > MAX_PACK_VERSION) {
      problems.push(`manifest version must be at most ${MAX_PACK_VERSION} characters, a semantic version like "1.0.0" (got ${manifest.version.length} characters: ${boundField(JSON.stringify(manifest.version), 40)})`);
    } else if (typeof manifest.version !== 'string' || !SEMVER.test(manifest.version)) {
      problems.push(`manifest version must be a semantic version like "1.0.0" (got ${boundField(JSON.stringify(manifest.version) ?? String(manifest.version), 80)})`);
    }
    const deps = manifest.dependencies;
    if (deps !== undefined && (!Array.isArray(deps) || deps.some((d) => typeof d !== 'string' || d === ''))) {
      problems.push('manifest dependencies must be an array of pack names');
    }
  }
  for (const method of OPTIONAL_METHODS) {
    if (pack[method] !== undefined && typeof pack[method] !== 'function') problems.push(`${method} must be a method (got ${typeof pack[method]})`);
  }
  return problems;
}

export function packLabel(value: unknown): string {
  const name = (value as { manifest?: { name?: unknown } } | null)?.manifest?.name;
  return typeof name === 'string' && name !== '' ? `'${name}'` : '(unnamed pack)';
}
