/**
 * Checks and conversions every driver shares, so they accept and refuse the
 * same input with the same messages. Internal to storage.
 */
import { errorMessage } from '../core/errors';
import { ACCOUNT_ROLES, nameKey, RESERVED_META_KEYS, StorageError, type AccountRecord, type ChangeSet, type CharacterRecord, type EntityRecord } from './types';

/** An entity record's component data as JSON text, or a StorageError naming entity and component. */
export function serialiseComponent(entityId: string, name: string, stored: unknown): { version: number; json: string } {
  const component = stored as { version?: unknown; data?: unknown } | null;
  if (typeof component !== 'object' || component === null) {
    throw new StorageError(`Entity ${entityId}, component "${name}": expected { version, data }, got ${typeof stored}`);
  }
  const version = component.version;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    throw new StorageError(`Entity ${entityId}, component "${name}": version must be a positive integer (got ${String(version)})`);
  }
  let json: string | undefined;
  try {
    json = JSON.stringify(component.data);
  } catch (err) {
    throw new StorageError(`Entity ${entityId}, component "${name}": data is not JSON-serialisable (${errorMessage(err)})`, { cause: err });
  }
  if (json === undefined) {
    throw new StorageError(`Entity ${entityId}, component "${name}": data is not JSON-serialisable (${typeof component.data})`);
  }
  return { version, json };
}

export function checkEntityRecord(record: EntityRecord): void {
  if (typeof record !== 'object' || record === null) throw new StorageError(`Entity record must be an object (got ${String(record)})`);
  if (typeof record.id !== 'string' || record.id === '') throw new StorageError(`Entity record needs a non-empty string id (got ${JSON.stringify(record.id)})`);
  if (record.key !== undefined && (typeof record.key !== 'string' || record.key === '')) {
    throw new StorageError(`Entity ${record.id}: key must be a non-empty string when given (got ${JSON.stringify(record.key)})`);
  }
  if (typeof record.components !== 'object' || record.components === null || Array.isArray(record.components)) {
    throw new StorageError(`Entity ${record.id}: components must be an object keyed by component name`);
  }
}

export function checkChangeSet(changes: ChangeSet): void {
  if (typeof changes !== 'object' || changes === null || !Array.isArray(changes.upserts) || !Array.isArray(changes.deletes)) {
    throw new StorageError('A change set needs `upserts` and `deletes` arrays');
  }
  for (const id of changes.deletes) {
    if (typeof id !== 'string' || id === '') throw new StorageError(`Deleted entity ids must be non-empty strings (got ${JSON.stringify(id)})`);
  }
  if (changes.tick !== undefined && !Number.isFinite(changes.tick)) throw new StorageError(`Change set tick must be a number (got ${String(changes.tick)})`);
}

/** A failed commit, rethrown with what the engine needs to log: which tick, and the cause. */
export function commitError(changes: ChangeSet, err: unknown): StorageError {
  const tick = changes.tick !== undefined ? ` of tick ${changes.tick}` : '';
  return new StorageError(`Commit${tick} failed, nothing of it was saved: ${errorMessage(err)}`, { cause: err });
}

export function checkMetaKey(key: string, writing: boolean): void {
  if (typeof key !== 'string' || key === '') throw new StorageError(`Meta key must be a non-empty string (got ${JSON.stringify(key)})`);
  if (writing && RESERVED_META_KEYS.has(key)) throw new StorageError(`Meta key "${key}" is managed by the storage and cannot be set`);
}

export function checkMetaValue(key: string, value: string): void {
  if (typeof value !== 'string') throw new StorageError(`Meta "${key}" must be a string (got ${typeof value})`);
}

const REQUIRED_ACCOUNT_FIELDS = ['id', 'name', 'nameKey', 'passwordHash', 'createdAt', 'failedLogins'] as const;

export function checkAccount(a: AccountRecord): void {
  if (typeof a?.id !== 'string' || a.id === '') throw new StorageError('Account needs a non-empty string id');
  if (typeof a.name !== 'string' || a.name === '') throw new StorageError(`Account ${a.id} needs a name`);
  if (a.nameKey !== nameKey(a.name)) throw new StorageError(`Account ${a.id}: nameKey must be nameKey(name) = "${nameKey(a.name)}" (got ${JSON.stringify(a.nameKey)})`);
  if (typeof a.passwordHash !== 'string' || a.passwordHash === '') throw new StorageError(`Account ${a.id} needs a password hash`);
  if (!Number.isFinite(a.createdAt)) throw new StorageError(`Account ${a.id}: createdAt must be epoch ms`);
  if (!Number.isInteger(a.failedLogins) || a.failedLogins < 0) throw new StorageError(`Account ${a.id}: failedLogins must be a whole number >= 0`);
  if (a.lastLoginAt !== undefined && !Number.isFinite(a.lastLoginAt)) throw new StorageError(`Account ${a.id}: lastLoginAt must be epoch ms`);
  if (a.lockedUntil !== undefined && !Number.isFinite(a.lockedUntil)) throw new StorageError(`Account ${a.id}: lockedUntil must be epoch ms`);
  if (a.roles !== undefined) {
    if (!Array.isArray(a.roles)) throw new StorageError(`Account ${a.id}: roles must be a list of role names`);
    for (const role of a.roles) {
      if (!(ACCOUNT_ROLES as readonly unknown[]).includes(role)) throw new StorageError(`Account ${a.id}: unknown role ${JSON.stringify(role)} (roles: ${ACCOUNT_ROLES.join(', ')})`);
    }
    if (new Set(a.roles).size !== a.roles.length) throw new StorageError(`Account ${a.id}: roles must not repeat`);
  }
}

/** A copy of an account as drivers keep and hand it out: roles sorted (their own array), none as absent. */
export function copyAccount(a: AccountRecord): AccountRecord {
  const { roles, ...rest } = a;
  const sorted = normalRoles(roles);
  return sorted ? { ...rest, roles: sorted } : rest;
}

/** Roles as stored: sorted; none is the same as absent. */
export function normalRoles(roles: readonly string[] | undefined): string[] | undefined {
  return roles && roles.length > 0 ? [...roles].sort() : undefined;
}

/**
 * The account after a patch, checked. A renamed account gets its nameKey
 * derived; `id` cannot change; required fields cannot be cleared.
 */
export function applyAccountPatch(current: AccountRecord, patch: Partial<AccountRecord>): AccountRecord {
  if (typeof patch !== 'object' || patch === null) throw new StorageError('Account patch must be an object');
  if ('id' in patch && patch.id !== current.id) throw new StorageError(`Account ${current.id}: the id cannot change`);
  for (const field of REQUIRED_ACCOUNT_FIELDS) {
    if (field in patch && patch[field] === undefined) throw new StorageError(`Account ${current.id}: ${field} cannot be cleared`);
  }
  const next: AccountRecord = { ...current };
  for (const [field, value] of Object.entries(patch) as [keyof AccountRecord, unknown][]) {
    if (value === undefined) delete next[field];
    else (next as unknown as Record<string, unknown>)[field] = value;
  }
  if (patch.name !== undefined && patch.nameKey === undefined) next.nameKey = nameKey(next.name);
  const roles = normalRoles(next.roles);
  if (roles) next.roles = roles;
  else delete next.roles;
  checkAccount(next);
  return next;
}

export function checkCharacter(c: CharacterRecord): void {
  if (typeof c?.id !== 'string' || c.id === '') throw new StorageError('Character needs a non-empty string id');
  if (typeof c.name !== 'string' || c.name === '') throw new StorageError(`Character ${c.id} needs a name`);
  if (typeof c.accountId !== 'string' || c.accountId === '') throw new StorageError(`Character ${c.id} needs an accountId`);
  if (typeof c.entityId !== 'string' || c.entityId === '') throw new StorageError(`Character ${c.id} needs an entityId`);
  if (!Number.isFinite(c.createdAt)) throw new StorageError(`Character ${c.id}: createdAt must be epoch ms`);
}
