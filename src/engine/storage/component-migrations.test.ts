import { describe, expect, it } from 'vitest';
import type { ComponentMigration } from '../packs/contract';
import { ComponentMigrationError, migrateEntityRecords } from './component-migrations';
import type { EntityRecord } from './types';

const healthSteps: ComponentMigration[] = [
  { component: 'Health', from: 1, to: 2, migrate: (d: { hp: number }) => ({ current: d.hp, max: d.hp }) },
  { component: 'Health', from: 2, to: 3, migrate: (d: { current: number; max: number }) => ({ ...d, regen: 1 }) },
];

const records = (): EntityRecord[] => [
  { id: 'e1', key: 'pack:hero', components: { Health: { version: 1, data: { hp: 10 } }, Name: { version: 1, data: { n: 'Hero' } } } },
  { id: 'e2', components: { Health: { version: 2, data: { current: 3, max: 7 } } } },
  { id: 'e3', components: { Health: { version: 3, data: { current: 1, max: 1, regen: 5 } }, Legacy: { version: 4, data: 'kept' } } },
];

describe('migrateEntityRecords', () => {
  it('chains 1→2→3 for each stored version, counts the steps, and leaves current data alone', () => {
    const input = records();
    const before = structuredClone(input);
    const report = migrateEntityRecords(input, [{ name: 'Health', version: 3 }, { name: 'Name', version: 1 }], healthSteps);
    expect(report.entities).toEqual([
      { id: 'e1', key: 'pack:hero', components: { Health: { version: 3, data: { current: 10, max: 10, regen: 1 } }, Name: { version: 1, data: { n: 'Hero' } } } },
      { id: 'e2', components: { Health: { version: 3, data: { current: 3, max: 7, regen: 1 } } } },
      { id: 'e3', components: { Health: { version: 3, data: { current: 1, max: 1, regen: 5 } }, Legacy: { version: 4, data: 'kept' } } },
    ]);
    expect(report.ran).toBe(3);
    expect(report.migrated).toEqual({ 'Health 1→3': 1, 'Health 2→3': 1 });
    expect(report.unknownComponents).toEqual(['Legacy']);
    expect(input).toEqual(before);
    expect(report.entities[0]).not.toBe(input[0]);
  });

  it('never mutates the input, even when a migrate edits its argument in place', () => {
    const input = records();
    const before = structuredClone(input);
    const inPlace: ComponentMigration[] = [{ component: 'Health', from: 1, to: 2, migrate: (d: { hp: number; current?: number; max?: number }) => { d.current = d.hp; d.max = d.hp; return d; } }];
    const report = migrateEntityRecords(input.slice(0, 1), [{ name: 'Health', version: 2 }], inPlace);
    expect(report.entities[0]?.components.Health).toEqual({ version: 2, data: { hp: 10, current: 10, max: 10 } });
    expect(input).toEqual(before);
  });

  it('takes the shortest chain when a direct step exists, whatever the declaration order', () => {
    const direct: ComponentMigration = { component: 'Health', from: 1, to: 3, migrate: (d: { hp: number }) => ({ current: d.hp, max: d.hp * 2, regen: 0 }) };
    const report = migrateEntityRecords(records().slice(0, 1), [{ name: 'Health', version: 3 }], [...healthSteps, direct]);
    expect(report.entities[0]?.components.Health).toEqual({ version: 3, data: { current: 10, max: 20, regen: 0 } });
    expect(report.ran).toBe(1);
  });

  it('returns the records unchanged (ran 0) when everything is current', () => {
    const report = migrateEntityRecords(records().slice(2), [{ name: 'Health', version: 3 }, { name: 'Legacy', version: 4 }], []);
    expect(report).toEqual({ entities: records().slice(2), ran: 0, migrated: {}, unknownComponents: [] });
  });

  it('throws naming component, entity and versions when no chain exists', () => {
    const call = () => migrateEntityRecords(records(), [{ name: 'Health', version: 4 }], healthSteps);
    expect(call).toThrow(ComponentMigrationError);
    expect(call).toThrow('Component "Health" of entity e1: no migration path from version 1 to 4 (migrations known: 1→2, 2→3)');
    try {
      call();
    } catch (err) {
      expect(err).toMatchObject({ component: 'Health', entityId: 'e1', from: 1, to: 4 });
    }
    expect(() => migrateEntityRecords(records(), [{ name: 'Name', version: 2 }], [])).toThrow(/Component "Name" of entity e1: no migration path from version 1 to 2 \(migrations known: none\)/);
  });

  it('does not overshoot: a step past the current version is not a path', () => {
    const overshoot: ComponentMigration[] = [{ component: 'Health', from: 1, to: 3, migrate: (d) => d }];
    expect(() => migrateEntityRecords(records().slice(0, 1), [{ name: 'Health', version: 2 }], overshoot)).toThrow(/no migration path from version 1 to 2/);
  });

  it('refuses stored data newer than the definition', () => {
    expect(() => migrateEntityRecords(records(), [{ name: 'Health', version: 2 }], healthSteps)).toThrow('Component "Health" of entity e3: stored at version 3, newer than its definition (version 2); migrations only go forward');
  });

  it('wraps a migrate that throws, or returns nothing, with component, entity and step', () => {
    const boom: ComponentMigration[] = [healthSteps[0] as ComponentMigration, { component: 'Health', from: 2, to: 3, migrate: () => { throw new Error('regen unknown'); } }];
    let caught: unknown;
    try {
      migrateEntityRecords(records(), [{ name: 'Health', version: 3 }], boom);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(ComponentMigrationError);
    expect((caught as Error).message).toBe('Component "Health" of entity e1: migration 2→3 threw: regen unknown');
    expect(caught).toMatchObject({ component: 'Health', entityId: 'e1', from: 1, to: 3 });
    expect((caught as Error).cause).toBeInstanceOf(Error);

    const forgetful: ComponentMigration[] = [{ component: 'Health', from: 1, to: 2, migrate: () => undefined }];
    expect(() => migrateEntityRecords(records().slice(0, 1), [{ name: 'Health', version: 2 }], forgetful)).toThrow(/migration 1→2 returned nothing/);
  });
});
