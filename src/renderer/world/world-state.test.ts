import { describe, expect, it } from 'vitest';
import type { EntityView } from '../../shared/model';
import { changedLeaves, initialWorld, parseTyped, withDelta } from './world-state';

const view: EntityView = {
  id: 'e1',
  name: 'Wren',
  addable: [],
  components: [
    { name: 'Health', version: 1, pack: 'combat', data: { current: 100, max: 100 } },
    { name: 'Describable', version: 1, pack: 'starter-world', data: { name: 'Wren', keywords: ['wren'] } },
  ],
};

describe("the World panel's state", () => {
  it('finds the leaves that changed, however deep', () => {
    expect(changedLeaves({ a: 1, b: { c: [1, 2] } }, { a: 1, b: { c: [1, 3] } }, 'X')).toEqual(['X.b.c.1']);
    expect(changedLeaves(undefined, { a: 1 }, 'X')).toEqual(['X']);
    expect(changedLeaves({ a: 1 }, { a: 1 }, 'X')).toEqual([]);
  });

  it('folds a delta of the selected entity in: changed components replaced and flashing, removed ones gone', () => {
    const state = { ...initialWorld, selected: 'e1', view };
    const next = { ...state, ...withDelta(state, { entity: 'e1', tick: 3, changed: [{ name: 'Health', version: 1, pack: 'combat', data: { current: 7, max: 100 } }], removed: ['Describable'] }) };
    expect(next.view?.components).toEqual([{ name: 'Health', version: 1, pack: 'combat', data: { current: 7, max: 100 } }]);
    expect(Object.keys(next.flashes)).toEqual(['Health.current']);
    const again = { ...next, ...withDelta(next, { entity: 'e1', tick: 4, changed: [{ name: 'Health', version: 1, pack: 'combat', data: { current: 6, max: 100 } }], removed: [] }) };
    expect(again.flashes['Health.current']).toBeGreaterThan(next.flashes['Health.current'] as number);
    expect(withDelta(state, { entity: 'other', tick: 3, changed: [], removed: ['Health'] })).toEqual({});
    expect(withDelta(state, { entity: 'e1', tick: 5, changed: [], removed: [], destroyed: true })).toEqual({ gone: true });
  });

  it('reads what was typed as text for a text field, else as JSON, else as the text typed', () => {
    expect(parseTyped('42', 'Wren')).toBe('42');
    expect(parseTyped('7', 100)).toBe(7);
    expect(parseTyped('[1, 2]', [])).toEqual([1, 2]);
    expect(parseTyped('lots', 100)).toBe('lots');
  });
});
