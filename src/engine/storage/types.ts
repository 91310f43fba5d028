/**
 * The storage contract: everything the engine persists goes through this
 * interface, so SQLite through `node:sqlite` (the default), an in-memory store
 * (tests, runs without a data directory), or a server database are
 * interchangeable. Keep it driver-neutral: no SQL, no driver types.
 */
import { MaidError } from '../core/errors';

/** One component's persisted data, with the version it was written at (migrations start from it). */
export interface StoredComponent {
  /** Version of the component definition that wrote `data`. */
  version: number;
  /** JSON-serialisable data; it comes back as its JSON round trip. */
  data: unknown;
}

/** An entity as persisted: the whole component set, replaced as a unit on commit. */
export interface EntityRecord {
  /** UUID of the entity, stable for its lifetime. */
  id: string;
  /** Stable content-defined name ('starter-world:town-square'); unique across entities. */
  key?: string;
  /** Components by name; a component absent here is absent in storage after commit. */
  components: Record<string, StoredComponent>;
}

/** A player account. Optional fields are cleared by patching them to `undefined`. */
export interface AccountRecord {
  /** Opaque unique id (characters point at it). */
  id: string;
  /** The name as the player typed it, shown back to them. */
  name: string;
  /** Case-insensitive lookup key, `nameKey(name)`; unique across accounts. */
  nameKey: string;
  /** `hashPassword` output; never the password itself. */
  passwordHash: string;
  /** Epoch ms of creation. */
  createdAt: number;
  /** Epoch ms of the last successful login. */
  lastLoginAt?: number;
  /** Wrong passwords since the last successful login (survives a restart). */
  failedLogins: number;
  /** Epoch ms until which logins are refused. */
  lockedUntil?: number;
  /** What the account may do beyond playing (`builder`); absent or empty: a player. Sorted, no duplicates. */
  roles?: string[];
}

/** The roles an account can hold. `builder`: the building commands (@dig, @desc...). */
export const ACCOUNT_ROLES = ['builder'] as const;
export type AccountRole = (typeof ACCOUNT_ROLES)[number];

/** A character of an account, embodied in the world by one entity. */
export interface CharacterRecord {
  /** Opaque unique id. */
  id: string;
  /** The owning account's id; it must exist. */
  accountId: string;
  /** Name as typed; unique across characters, case-insensitively. */
  name: string;
  /** The entity that is this character in the world. */
  entityId: string;
  /** Epoch ms of creation. */
  createdAt: number;
}

/** What one tick changed; committed all-or-nothing. */
export interface ChangeSet {
  /** Entities written whole (id, key and exact component set). */
  upserts: EntityRecord[];
  /** Ids of destroyed entities; a delete wins over an upsert of the same id, and frees its key for an upsert. */
  deletes: string[];
  /** The tick that produced the changes; recorded as meta `last_tick` in the same transaction. */
  tick?: number;
}

/** A stored piece of data that could not be read back; the load went on without it. */
export interface LoadProblem {
  entityId: string;
  /** The component skipped, or undefined when the problem is with the entity row. */
  component?: string;
  message: string;
}

/** The persisted world, and what of it could not be read. */
export interface LoadResult {
  entities: EntityRecord[];
  /** Skipped data (e.g. corrupt JSON), one entry each, for the log; empty when all is well. */
  problems: LoadProblem[];
}

/** Meta key holding the last committed `ChangeSet.tick`. */
export const LAST_TICK_META = 'last_tick';
/** Meta keys the storage owns; `setMeta` refuses them. */
export const RESERVED_META_KEYS: ReadonlySet<string> = new Set(['schema_version', LAST_TICK_META]);

export interface Storage {
  /** Opens or creates the store and brings its schema up to date; idempotent. */
  open(): Promise<void>;
  /** Flushes and releases the store; a later `open` sees everything committed. */
  close(): Promise<void>;
  /** Every persisted entity, to rebuild the world at start-up (before component migrations). */
  loadEntities(): Promise<LoadResult>;
  /** Applies one tick's changes in ONE transaction: all land, or none (a crash loses at most this one). */
  commit(changes: ChangeSet): Promise<void>;

  /** Looks an account up by name, case-insensitively (login). */
  findAccount(name: string): Promise<AccountRecord | undefined>;
  /** Adds an account; throws DuplicateNameError when the name (any case) is taken. */
  createAccount(account: AccountRecord): Promise<void>;
  /** Changes some fields (last login, failed logins, lock, password); `id` cannot change. */
  updateAccount(id: string, patch: Partial<AccountRecord>): Promise<void>;
  /** How many accounts there are (the first one created on a server becomes a builder). */
  countAccounts(): Promise<number>;
  /** Looks a character up by name, case-insensitively (login, `tell`, name checks). */
  findCharacterByName(name: string): Promise<CharacterRecord | undefined>;
  /** An account's characters, oldest first (character menu). */
  listCharacters(accountId: string): Promise<CharacterRecord[]>;
  /** Adds a character; throws DuplicateNameError when the name is taken, StorageError for an unknown account. */
  createCharacter(character: CharacterRecord): Promise<void>;

  /** A small engine-wide value (e.g. world seed, last tick), undefined when never set. */
  getMeta(key: string): Promise<string | undefined>;
  /** Stores a small engine-wide value; reserved keys (RESERVED_META_KEYS) are refused. */
  setMeta(key: string, value: string): Promise<void>;
}

/** The case-insensitive key under which account and character names are unique. */
export function nameKey(name: string): string {
  return name.normalize('NFC').toLowerCase();
}

/** A storage operation failed; the message names what and why. */
export class StorageError extends MaidError {}

/** The account or character name is already taken (in any letter case). */
export class DuplicateNameError extends StorageError {
  constructor(
    readonly kind: 'account' | 'character',
    readonly takenName: string,
  ) {
    super(`The ${kind} name "${takenName}" is already taken.`);
  }
}
