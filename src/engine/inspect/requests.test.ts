import { describe, expect, it } from 'vitest';
import { parseEdit, parseListRequest, parseWatch } from './requests';

describe("the inspector's requests from another process", () => {
  it('take well-formed bodies as they are', () => {
    expect(parseEdit({ op: 'set', entity: 'e1', component: 'Health', path: ['current'], value: 7 })).toEqual({ op: 'set', entity: 'e1', component: 'Health', path: ['current'], value: 7 });
    expect(parseEdit({ op: 'set', entity: 'e1', component: 'Place', path: ['room'], value: undefined })).toMatchObject({ op: 'set', value: undefined });
    expect(parseEdit({ op: 'restore', entity: 'e1', key: 'thing:stone', components: { Named: { name: 'a stone' } } })).toMatchObject({ op: 'restore', key: 'thing:stone' });
    expect(parseListRequest(undefined)).toEqual({});
    expect(parseListRequest({ search: 'rat', offset: 200, limit: 200 })).toEqual({ search: 'rat', offset: 200, limit: 200 });
    expect(parseWatch({ entities: ['e1', 'e2'] })).toEqual(['e1', 'e2']);
  });

  it.each([
    [() => parseEdit(null), /The edit must be an object/],
    [() => parseEdit({ op: 'explode', entity: 'e1' }), /"op" must be one of set, add, remove, destroy, restore/],
    [() => parseEdit({ op: 'set', entity: 'e1', component: 'Health', path: ['current'] }), /needs a "value"/],
    [() => parseEdit({ op: 'set', entity: 'e1', component: 'Health', path: [true], value: 1 }), /"path" must hold field names/],
    [() => parseEdit({ op: 'add', entity: '', component: 'Health' }), /"entity" must be a string of 1 to 200 characters/],
    [() => parseEdit({ op: 'restore', entity: 'e1', components: { Named: 3 } }), /The data of Named must be an object/],
    [() => parseListRequest({ offset: -1 }), /"offset" must be a whole number/],
    [() => parseWatch({ entities: 'e1' }), /"entities" must be a list of entity ids/],
  ])('refuse a malformed body with the reason (%#)', (parse, why) => {
    expect(parse).toThrow(why);
  });
});
