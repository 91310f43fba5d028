/**
 * Storage kept in this process's memory: for tests, and for a run without a
 * data directory (nothing survives the process). It behaves like the SQLite
 * driver down to the details the contract tests check: data is kept as JSON
 * text (so it comes back as its JSON round trip, and non-serialisable data is
 * refused), a commit is all-or-nothing, names are unique case-insensitively.
 * Closing and reopening the same instance keeps the data.
 */
import { applyAccountPatch, checkAccount, copyAccount, checkChangeSet, checkCharacter, checkEntityRecord, checkMetaKey, checkMetaValue, commitError, serialiseComponent } from './common';
import { DuplicateNameError, LAST_TICK_META, nameKey, StorageError, type AccountRecord, type ChangeSet, type CharacterRecord, type EntityRecord, type LoadProblem, type LoadResult, type Storage } from './types';

interface Row {
  key: string | undefined;
  components: Map<string, { version: number; json: string }>;
}

export class MemoryStorage implements Storage {
  private isOpen = false;
  private readonly entities = new Map<string, Row>();
  private readonly idsByKey = new Map<string, string>();
  private readonly accounts = new Map<string, AccountRecord>();
  private readonly accountIdsByKey = new Map<string, string>();
  private readonly characters = new Map<string, CharacterRecord>();
  private readonly characterIdsByKey = new Map<string, string>();
  private readonly meta = new Map<string, string>();

  async open(): Promise<void> {
    this.isOpen = true;
  }

  async close(): Promise<void> {
    this.isOpen = false;
  }

  async loadEntities(): Promise<LoadResult> {
    this.assertOpen();
    const entities: EntityRecord[] = [];
    const problems: LoadProblem[] = [];
    for (const [id, row] of this.entities) {
      const components: EntityRecord['components'] = {};
      for (const [name, c] of row.components) {
        try {
          components[name] = { version: c.version, data: JSON.parse(c.json) };
        } catch (err) {
          problems.push({ entityId: id, component: name, message: `Entity ${id}, component "${name}": stored data is not valid JSON, skipped (${(err as Error).message})` });
        }
      }
      entities.push({ id, ...(row.key !== undefined ? { key: row.key } : {}), components });
    }
    return { entities, problems };
  }

  async commit(changes: ChangeSet): Promise<void> {
    this.assertOpen();
    // Everything that can fail happens on a staged copy; the live maps change
    // only once nothing can, so a failed commit leaves no trace.
    const staged = new Map<string, Row>();
    const keys = new Map(this.idsByKey);
    let deleted: Set<string>;
    try {
      checkChangeSet(changes);
      deleted = new Set(changes.deletes);
      for (const id of deleted) {
        const k = this.entities.get(id)?.key;
        if (k !== undefined) keys.delete(k);
      }
      for (const record of changes.upserts) {
        checkEntityRecord(record);
        const components = new Map<string, { version: number; json: string }>();
        for (const [name, stored] of Object.entries(record.components)) components.set(name, serialiseComponent(record.id, name, stored));
        if (deleted.has(record.id)) continue;
        const previousKey = (staged.get(record.id) ?? this.entities.get(record.id))?.key;
        if (previousKey !== undefined && keys.get(previousKey) === record.id) keys.delete(previousKey);
        if (record.key !== undefined) {
          const owner = keys.get(record.key);
          if (owner !== undefined && owner !== record.id) throw new StorageError(`Entity ${record.id}: key "${record.key}" is already used by entity ${owner}`);
          keys.set(record.key, record.id);
        }
        staged.set(record.id, { key: record.key, components });
      }
    } catch (err) {
      throw commitError(changes, err);
    }
    for (const id of deleted) this.entities.delete(id);
    for (const [id, row] of staged) this.entities.set(id, row);
    this.idsByKey.clear();
    for (const [k, id] of keys) this.idsByKey.set(k, id);
    if (changes.tick !== undefined) this.meta.set(LAST_TICK_META, String(changes.tick));
  }

  async findAccount(name: string): Promise<AccountRecord | undefined> {
    this.assertOpen();
    const id = this.accountIdsByKey.get(nameKey(String(name)));
    const account = id === undefined ? undefined : this.accounts.get(id);
    return account && copyAccount(account);
  }

  async createAccount(account: AccountRecord): Promise<void> {
    this.assertOpen();
    checkAccount(account);
    if (this.accountIdsByKey.has(account.nameKey)) throw new DuplicateNameError('account', account.name);
    if (this.accounts.has(account.id)) throw new StorageError(`An account with id ${account.id} already exists`);
    this.accounts.set(account.id, copyAccount(account));
    this.accountIdsByKey.set(account.nameKey, account.id);
  }

  async countAccounts(): Promise<number> {
    this.assertOpen();
    return this.accounts.size;
  }

  async updateAccount(id: string, patch: Partial<AccountRecord>): Promise<void> {
    this.assertOpen();
    const current = this.accounts.get(id);
    if (current === undefined) throw new StorageError(`No account with id ${id}`);
    const next = applyAccountPatch(current, patch);
    if (next.nameKey !== current.nameKey) {
      if (this.accountIdsByKey.has(next.nameKey)) throw new DuplicateNameError('account', next.name);
      this.accountIdsByKey.delete(current.nameKey);
      this.accountIdsByKey.set(next.nameKey, id);
    }
    this.accounts.set(id, next);
  }

  async findCharacterByName(name: string): Promise<CharacterRecord | undefined> {
    this.assertOpen();
    const id = this.characterIdsByKey.get(nameKey(String(name)));
    const character = id === undefined ? undefined : this.characters.get(id);
    return character && { ...character };
  }

  async listCharacters(accountId: string): Promise<CharacterRecord[]> {
    this.assertOpen();
    // Insertion order breaks ties of createdAt, as the SQLite driver's rowid does.
    return [...this.characters.values()]
      .filter((c) => c.accountId === accountId)
      .sort((a, b) => a.createdAt - b.createdAt)
      .map((c) => ({ ...c }));
  }

  async createCharacter(character: CharacterRecord): Promise<void> {
    this.assertOpen();
    checkCharacter(character);
    if (!this.accounts.has(character.accountId)) throw new StorageError(`Character ${character.name}: no account with id ${character.accountId}`);
    const key = nameKey(character.name);
    if (this.characterIdsByKey.has(key)) throw new DuplicateNameError('character', character.name);
    if (this.characters.has(character.id)) throw new StorageError(`A character with id ${character.id} already exists`);
    this.characters.set(character.id, { ...character });
    this.characterIdsByKey.set(key, character.id);
  }

  async getMeta(key: string): Promise<string | undefined> {
    this.assertOpen();
    checkMetaKey(key, false);
    return this.meta.get(key);
  }

  async setMeta(key: string, value: string): Promise<void> {
    this.assertOpen();
    checkMetaKey(key, true);
    checkMetaValue(key, value);
    this.meta.set(key, value);
  }

  /** @internal test hook: overwrite a component's stored JSON text, to exercise load problems. */
  corruptComponentForTest(entityId: string, component: string, json: string): void {
    const c = this.entities.get(entityId)?.components.get(component);
    if (c === undefined) throw new StorageError(`No component "${component}" on entity ${entityId}`);
    c.json = json;
  }

  private assertOpen(): void {
    if (!this.isOpen) throw new StorageError('Storage is not open: call open() first');
  }
}
