/**
 * The behaviour every Storage driver must have, as one vitest suite. A driver
 * plugs in with a harness (create / reopen / corrupt) and a one-line test
 * file: see memory-storage.test.ts and sqlite-storage.test.ts.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { DuplicateNameError, StorageError, type AccountRecord, type ChangeSet, type EntityRecord, type Storage } from './types';

export interface StorageHarness {
  /** A new, open storage over an empty store. */
  create(): Promise<Storage>;
  /** The same store opened afresh after `closed` was closed, as after a restart. */
  reopen(closed: Storage): Promise<Storage>;
  /** Overwrites a stored component's data with text that is not JSON. */
  corrupt(storage: Storage, entityId: string, component: string): Promise<void>;
  /** Removes what `create` made (temp dirs). */
  cleanup?(): Promise<void>;
}

const room = (id: string, key: string | undefined, components: EntityRecord['components']): EntityRecord => ({ id, ...(key !== undefined ? { key } : {}), components });
const c = (data: unknown, version = 1) => ({ version, data });

export function account(name: string, extra: Partial<AccountRecord> = {}): AccountRecord {
  return { id: `acc-${name.toLowerCase()}`, name, nameKey: name.toLowerCase(), passwordHash: 'scrypt$2$1$1$AAAAAAAAAAA=$AAAAAAAAAAAAAAAAAAAAAA==', createdAt: 1_000, failedLogins: 0, ...extra };
}

async function entities(storage: Storage): Promise<Map<string, EntityRecord>> {
  const { entities: list, problems } = await storage.loadEntities();
  expect(problems).toEqual([]);
  return new Map(list.map((e) => [e.id, e]));
}

export function describeStorageContract(driver: string, harness: StorageHarness): void {
  describe(`Storage contract: ${driver}`, () => {
    const opened: Storage[] = [];
    const make = async () => {
      const s = await harness.create();
      opened.push(s);
      return s;
    };
    const reopen = async (s: Storage) => {
      await s.close();
      const again = await harness.reopen(s);
      opened.push(again);
      return again;
    };
    afterEach(async () => {
      for (const s of opened.splice(0)) await s.close();
      await harness.cleanup?.();
    });

    describe('entities', () => {
      it('round-trips entities with and without keys, components with versions and JSON data', async () => {
        const s = await make();
        const square = room('e1', 'starter-world:town-square', { Description: c({ text: 'A square', exits: ['north'] }, 3), Tags: c(['outdoor']) });
        const rock = room('e2', undefined, { Weight: c(12.5), Nothing: c(null), Nested: c({ a: { b: [1, { c: 'ü 😀' }] } }) });
        await s.commit({ upserts: [square, rock], deletes: [] });
        const all = await entities(s);
        expect(all.get('e1')).toEqual(square);
        expect(all.get('e2')).toEqual(rock);
        expect('key' in (all.get('e2') as EntityRecord)).toBe(false);
      });

      it('stores a copy: data comes back as its JSON round trip, later changes to the input do not leak in', async () => {
        const s = await make();
        const data = { hp: 10, when: new Date(0), gone: undefined as unknown };
        const record = room('e1', undefined, { Health: c(data) });
        await s.commit({ upserts: [record], deletes: [] });
        data.hp = 99;
        expect((await entities(s)).get('e1')?.components.Health).toEqual({ version: 1, data: { hp: 10, when: '1970-01-01T00:00:00.000Z' } });
      });

      it('an upsert replaces the component set exactly: a component left out is gone', async () => {
        const s = await make();
        await s.commit({ upserts: [room('e1', 'k1', { A: c(1), B: c(2), C: c(3) })], deletes: [] });
        await s.commit({ upserts: [room('e1', 'k1', { B: c(20, 2), D: c(4) })], deletes: [] });
        expect((await entities(s)).get('e1')?.components).toEqual({ B: c(20, 2), D: c(4) });
        await s.commit({ upserts: [room('e1', 'k1', {})], deletes: [] });
        expect((await entities(s)).get('e1')).toEqual(room('e1', 'k1', {}));
      });

      it('an upsert sets, changes and clears the key', async () => {
        const s = await make();
        await s.commit({ upserts: [room('e1', 'a', {})], deletes: [] });
        await s.commit({ upserts: [room('e1', 'b', {})], deletes: [] });
        expect((await entities(s)).get('e1')?.key).toBe('b');
        await s.commit({ upserts: [room('e1', undefined, {})], deletes: [] });
        expect((await entities(s)).get('e1')).toEqual(room('e1', undefined, {}));
        await s.commit({ upserts: [room('e2', 'a', {}), room('e3', 'b', {})], deletes: [] });
        expect([...(await entities(s)).keys()].sort()).toEqual(['e1', 'e2', 'e3']);
      });

      it('deletes entities with their components; an unknown id is no error', async () => {
        const s = await make();
        await s.commit({ upserts: [room('e1', 'k', { A: c(1) }), room('e2', undefined, { A: c(2) })], deletes: [] });
        await s.commit({ upserts: [], deletes: ['e1', 'never-was'] });
        const all = await entities(s);
        expect([...all.keys()]).toEqual(['e2']);
        // the deleted entity's key is free again
        await s.commit({ upserts: [room('e3', 'k', {})], deletes: [] });
        expect((await entities(s)).get('e3')?.key).toBe('k');
      });

      it('a delete wins over an upsert of the same id, and frees its key for another entity in the same change set', async () => {
        const s = await make();
        await s.commit({ upserts: [room('old', 'pack:room', { A: c(1) })], deletes: [] });
        await s.commit({ upserts: [room('old', 'pack:room', { A: c(2) }), room('new', 'pack:room', { A: c(3) })], deletes: ['old'] });
        const all = await entities(s);
        expect([...all.keys()]).toEqual(['new']);
        expect(all.get('new')).toEqual(room('new', 'pack:room', { A: c(3) }));
      });

      it('a change set that fails half-way leaves no trace: data that cannot be serialised', async () => {
        const s = await make();
        await s.commit({ upserts: [room('e1', 'k1', { A: c(1) }), room('gone', undefined, { A: c(1) })], deletes: [], tick: 1 });
        const circular: Record<string, unknown> = {};
        circular.self = circular;
        const bad: ChangeSet = {
          upserts: [room('e1', 'k1', { A: c(100) }), room('e2', undefined, { A: c(2) }), room('e3', undefined, { Fine: c(1), Broken: c({ n: 10n }) }), room('e4', undefined, { A: c(circular) })],
          deletes: ['gone'],
          tick: 2,
        };
        const err = await s.commit(bad).catch((e: unknown) => e);
        expect(err).toBeInstanceOf(StorageError);
        expect((err as Error).message).toMatch(/tick 2/);
        expect((err as Error).message).toMatch(/Entity e3, component "Broken"/);
        expect((err as Error).message).toMatch(/BigInt/);
        const all = await entities(s);
        expect([...all.keys()].sort()).toEqual(['e1', 'gone']);
        expect(all.get('e1')?.components.A).toEqual(c(1));
        expect(await s.getMeta('last_tick')).toBe('1');
        // and the storage is still usable
        await s.commit({ upserts: [room('e2', undefined, { A: c(2) })], deletes: [], tick: 3 });
        expect((await entities(s)).has('e2')).toBe(true);
      });

      it('a change set that fails half-way leaves no trace: a key already used by another entity', async () => {
        const s = await make();
        await s.commit({ upserts: [room('e1', 'pack:square', { A: c(1) })], deletes: [] });
        const err = await s.commit({ upserts: [room('e2', undefined, { A: c(2) }), room('e1', 'pack:square', { A: c(10) }), room('e3', 'pack:square', {})], deletes: ['e1'] }).catch((e: unknown) => e);
        // e1 is deleted in that set, so e3 may take the key: this one succeeds
        expect(err).toBeUndefined();
        await s.commit({ upserts: [room('e4', 'pack:hall', {})], deletes: [] });
        const clash = await s.commit({ upserts: [room('e5', undefined, { A: c(5) }), room('e6', 'pack:hall', {})], deletes: ['e2'] }).catch((e: unknown) => e);
        expect(clash).toBeInstanceOf(StorageError);
        expect((clash as Error).message).toMatch(/Entity e6: key "pack:hall" is already used by entity e4/);
        const all = await entities(s);
        expect([...all.keys()].sort()).toEqual(['e2', 'e3', 'e4']);
      });

      it('refuses malformed records with a clear error and saves nothing of them', async () => {
        const s = await make();
        const cases: [ChangeSet, RegExp][] = [
          [{ upserts: [room('e1', undefined, { A: { version: 0, data: 1 } })], deletes: [] }, /Entity e1, component "A": version must be a positive integer/],
          [{ upserts: [room('e1', undefined, { A: c(undefined) })], deletes: [] }, /Entity e1, component "A": data is not JSON-serialisable/],
          [{ upserts: [room('e1', undefined, { A: c(() => 1) })], deletes: [] }, /not JSON-serialisable/],
          [{ upserts: [{ id: '', components: {} }], deletes: [] }, /non-empty string id/],
          [{ upserts: [room('e1', '', {})], deletes: [] }, /key must be a non-empty string/],
          [{ upserts: [], deletes: [42 as unknown as string] }, /Deleted entity ids/],
          [{ upserts: undefined as unknown as EntityRecord[], deletes: [] }, /upserts/],
        ];
        for (const [changes, message] of cases) await expect(s.commit(changes)).rejects.toThrow(message);
        expect((await s.loadEntities()).entities).toEqual([]);
      });

      it('records the tick of the last commit in meta, and keeps storage-managed meta keys to itself', async () => {
        const s = await make();
        expect(await s.getMeta('last_tick')).toBeUndefined();
        await s.commit({ upserts: [], deletes: [], tick: 41 });
        await s.commit({ upserts: [], deletes: [] });
        expect(await s.getMeta('last_tick')).toBe('41');
        await expect(s.setMeta('last_tick', '1')).rejects.toThrow(/managed by the storage/);
        await expect(s.setMeta('schema_version', '99')).rejects.toThrow(/managed by the storage/);
      });

      it('reports a component whose stored data is not JSON, and loads everything else', async () => {
        const s = await make();
        await s.commit({ upserts: [room('e1', 'k', { Good: c({ ok: true }), Bad: c({ ok: false }) }), room('e2', undefined, { Good: c(2) })], deletes: [] });
        await harness.corrupt(s, 'e1', 'Bad');
        const { entities: list, problems } = await s.loadEntities();
        expect(problems).toHaveLength(1);
        expect(problems[0]).toMatchObject({ entityId: 'e1', component: 'Bad' });
        expect(problems[0]?.message).toMatch(/Entity e1, component "Bad": stored data is not valid JSON/);
        const byId = new Map(list.map((e) => [e.id, e]));
        expect(byId.get('e1')).toEqual(room('e1', 'k', { Good: c({ ok: true }) }));
        expect(byId.get('e2')).toEqual(room('e2', undefined, { Good: c(2) }));
      });
    });

    describe('accounts and characters', () => {
      it('finds an account by name in any letter case, and keeps the name as typed', async () => {
        const s = await make();
        const a = account('Alice', { lastLoginAt: 5_000 });
        await s.createAccount(a);
        expect(await s.findAccount('alice')).toEqual(a);
        expect(await s.findAccount('ALICE')).toEqual(a);
        expect(await s.findAccount('Bob')).toBeUndefined();
        expect('lockedUntil' in ((await s.findAccount('Alice')) as AccountRecord)).toBe(false);
      });

      it('refuses a second account whose name differs only in case', async () => {
        const s = await make();
        await s.createAccount(account('Alice'));
        const err = await s.createAccount({ ...account('ALICE'), id: 'other' }).catch((e: unknown) => e);
        expect(err).toBeInstanceOf(DuplicateNameError);
        expect((err as Error).message).toBe('The account name "ALICE" is already taken.');
        await expect(s.createAccount({ ...account('Carol'), id: 'acc-alice' })).rejects.toThrow(/id acc-alice already exists/);
        await expect(s.createAccount({ ...account('Dave'), nameKey: 'DAVE' })).rejects.toThrow(/nameKey must be/);
        expect((await s.findAccount('alice'))?.name).toBe('Alice');
      });

      it('updates an account: set and clear optional fields, rename, but never its id', async () => {
        const s = await make();
        await s.createAccount(account('Alice'));
        await s.createAccount(account('Bob'));
        await s.updateAccount('acc-alice', { failedLogins: 3, lockedUntil: 9_000, lastLoginAt: 8_000 });
        expect(await s.findAccount('alice')).toMatchObject({ failedLogins: 3, lockedUntil: 9_000, lastLoginAt: 8_000 });
        await s.updateAccount('acc-alice', { failedLogins: 0, lockedUntil: undefined });
        const after = await s.findAccount('alice');
        expect(after).toEqual({ ...account('Alice'), lastLoginAt: 8_000 });
        await s.updateAccount('acc-alice', { name: 'Alicia' });
        expect(await s.findAccount('alice')).toBeUndefined();
        expect(await s.findAccount('ALICIA')).toMatchObject({ id: 'acc-alice', name: 'Alicia', nameKey: 'alicia' });
        await expect(s.updateAccount('acc-alice', { name: 'BOB' })).rejects.toBeInstanceOf(DuplicateNameError);
        await expect(s.updateAccount('acc-alice', { id: 'x' })).rejects.toThrow(/id cannot change/);
        await expect(s.updateAccount('acc-alice', { passwordHash: undefined })).rejects.toThrow(/passwordHash cannot be cleared/);
        await expect(s.updateAccount('nobody', { failedLogins: 1 })).rejects.toThrow(/No account with id nobody/);
        expect((await s.findAccount('alicia'))?.name).toBe('Alicia');
      });

      it('keeps roles with the account: granted, listed sorted, revoked to none; an unknown role is refused', async () => {
        const s = await make();
        expect(await s.countAccounts()).toBe(0);
        await s.createAccount(account('Alice', { roles: ['builder'] }));
        await s.createAccount(account('Bob'));
        expect(await s.countAccounts()).toBe(2);
        expect((await s.findAccount('alice'))?.roles).toEqual(['builder']);
        expect('roles' in ((await s.findAccount('bob')) as AccountRecord)).toBe(false);
        await s.updateAccount('acc-bob', { roles: ['builder'] });
        expect((await s.findAccount('bob'))?.roles).toEqual(['builder']);
        await s.updateAccount('acc-alice', { roles: [] });
        expect(await s.findAccount('alice')).toEqual(account('Alice'));
        await expect(s.updateAccount('acc-bob', { roles: ['wizard'] })).rejects.toThrow(/unknown role "wizard"/);
        await expect(s.createAccount(account('Carol', { roles: ['builder', 'builder'] }))).rejects.toThrow(/roles must not repeat/);
        expect((await s.findAccount('bob'))?.roles).toEqual(['builder']);
        const again = await reopen(s);
        expect((await again.findAccount('bob'))?.roles).toEqual(['builder']);
        const copy = (await again.findAccount('bob')) as AccountRecord;
        copy.roles?.pop();
        expect((await again.findAccount('bob'))?.roles).toEqual(['builder']);
      });

      it('hands out copies: changing a returned record changes nothing stored', async () => {
        const s = await make();
        await s.createAccount(account('Alice'));
        const a = (await s.findAccount('alice')) as AccountRecord;
        a.failedLogins = 42;
        expect((await s.findAccount('alice'))?.failedLogins).toBe(0);
      });

      it('creates characters, finds them by name in any case, lists an account\'s oldest first', async () => {
        const s = await make();
        await s.createAccount(account('Alice'));
        await s.createAccount(account('Bob'));
        await s.createCharacter({ id: 'c2', accountId: 'acc-alice', name: 'Zed', entityId: 'ent-2', createdAt: 2_000 });
        await s.createCharacter({ id: 'c1', accountId: 'acc-alice', name: 'Amber', entityId: 'ent-1', createdAt: 1_000 });
        await s.createCharacter({ id: 'c3', accountId: 'acc-bob', name: 'Bolt', entityId: 'ent-3', createdAt: 500 });
        expect(await s.findCharacterByName('amber')).toEqual({ id: 'c1', accountId: 'acc-alice', name: 'Amber', entityId: 'ent-1', createdAt: 1_000 });
        expect((await s.listCharacters('acc-alice')).map((ch) => ch.name)).toEqual(['Amber', 'Zed']);
        expect(await s.listCharacters('acc-nobody')).toEqual([]);
        expect(await s.findCharacterByName('nobody')).toBeUndefined();
      });

      it('refuses a character name taken in any case, and a character of an unknown account', async () => {
        const s = await make();
        await s.createAccount(account('Alice'));
        await s.createCharacter({ id: 'c1', accountId: 'acc-alice', name: 'Amber', entityId: 'e1', createdAt: 1 });
        const err = await s.createCharacter({ id: 'c2', accountId: 'acc-alice', name: 'AMBER', entityId: 'e2', createdAt: 2 }).catch((e: unknown) => e);
        expect(err).toBeInstanceOf(DuplicateNameError);
        expect((err as Error).message).toBe('The character name "AMBER" is already taken.');
        await expect(s.createCharacter({ id: 'c3', accountId: 'acc-ghost', name: 'Casper', entityId: 'e3', createdAt: 3 })).rejects.toThrow(/no account with id acc-ghost/);
        expect(await s.listCharacters('acc-alice')).toHaveLength(1);
      });
    });

    describe('meta and lifecycle', () => {
      it('stores and overwrites meta values', async () => {
        const s = await make();
        expect(await s.getMeta('world.seed')).toBeUndefined();
        await s.setMeta('world.seed', '1234');
        await s.setMeta('world.seed', '5678');
        expect(await s.getMeta('world.seed')).toBe('5678');
        await expect(s.setMeta('', 'x')).rejects.toThrow(/non-empty/);
      });

      it('sees after close and reopen everything committed before', async () => {
        const s = await make();
        await s.commit({ upserts: [room('e1', 'k', { A: c({ x: 1 }, 2) }), room('e2', undefined, { B: c('b') })], deletes: [], tick: 7 });
        await s.commit({ upserts: [room('e2', undefined, { C: c('c') })], deletes: ['e1'], tick: 8 });
        await s.createAccount(account('Alice'));
        await s.createCharacter({ id: 'c1', accountId: 'acc-alice', name: 'Amber', entityId: 'e2', createdAt: 1 });
        await s.setMeta('world.seed', '42');
        const again = await reopen(s);
        expect(await again.loadEntities()).toEqual({ entities: [room('e2', undefined, { C: c('c') })], problems: [] });
        expect(await again.findAccount('ALICE')).toEqual(account('Alice'));
        expect(await again.listCharacters('acc-alice')).toHaveLength(1);
        expect(await again.getMeta('world.seed')).toBe('42');
        expect(await again.getMeta('last_tick')).toBe('8');
      });

      it('refuses use before open and after close, with a clear error; open and close are idempotent', async () => {
        const s = await make();
        await s.open();
        await s.close();
        await s.close();
        await expect(s.loadEntities()).rejects.toThrow(/not open/);
        await expect(s.commit({ upserts: [], deletes: [] })).rejects.toThrow(/not open/);
        await expect(s.findAccount('x')).rejects.toThrow(/not open/);
        await expect(s.getMeta('x')).rejects.toThrow(/not open/);
      });
    });
  });
}
