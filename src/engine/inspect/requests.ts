/**
 * The inspector's requests as they arrive from another process: each body
 * checked before it is acted on, refused with the reason when malformed.
 */
import { InspectError, type EntityListRequest, type FieldPath, type InspectEdit } from './types';

type Obj = Record<string, unknown>;

const bad = (message: string): never => {
  throw new InspectError('refused', message);
};

function obj(value: unknown, what: string): Obj {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) bad(`${what} must be an object`);
  return value as Obj;
}

function text(o: Obj, key: string, max = 200): string {
  const v = o[key];
  if (typeof v !== 'string' || v.length === 0 || v.length > max) bad(`"${key}" must be a string of 1 to ${max} characters`);
  return v as string;
}

function optText(o: Obj, key: string, max = 200): string | undefined {
  if (o[key] === undefined) return undefined;
  if (typeof o[key] !== 'string' || (o[key] as string).length > max) bad(`"${key}" must be a string of at most ${max} characters`);
  return o[key] as string;
}

function optCount(o: Obj, key: string): number | undefined {
  const v = o[key];
  if (v === undefined) return undefined;
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0) bad(`"${key}" must be a whole number`);
  return v as number;
}

export function parseListRequest(body: unknown): EntityListRequest {
  const o = body === undefined ? {} : obj(body, 'The list request');
  const request: EntityListRequest = {};
  const search = optText(o, 'search');
  const query = optText(o, 'query', 1000);
  const room = optText(o, 'room', 400);
  const offset = optCount(o, 'offset');
  const limit = optCount(o, 'limit');
  if (room !== undefined) request.room = room;
  if (search !== undefined) request.search = search;
  if (query !== undefined) request.query = query;
  if (offset !== undefined) request.offset = offset;
  if (limit !== undefined) request.limit = limit;
  return request;
}

export function parseEntityId(body: unknown): string {
  return text(obj(body, 'The request'), 'entity');
}

export function parseWatch(body: unknown): string[] {
  const list = obj(body, 'The watch request')['entities'];
  if (!Array.isArray(list) || list.length > 64 || !list.every((x) => typeof x === 'string' && x.length > 0 && x.length <= 200)) bad('"entities" must be a list of entity ids');
  return list as string[];
}

function path(value: unknown): FieldPath {
  if (!Array.isArray(value) || value.length === 0 || value.length > 32) bad('"path" must be a list of 1 to 32 field names and list indexes, such as ["current"]');
  for (const key of value as unknown[]) {
    const ok = (typeof key === 'string' && key.length > 0 && key.length <= 200) || (typeof key === 'number' && Number.isSafeInteger(key) && key >= 0);
    if (!ok) bad('"path" must hold field names (strings) and list indexes (whole numbers)');
  }
  return value as FieldPath;
}

export function parseEdit(body: unknown): InspectEdit {
  const o = obj(body, 'The edit');
  const entity = text(o, 'entity');
  switch (o['op']) {
    case 'set':
      if (!('value' in o)) bad('A set edit needs a "value"');
      return { op: 'set', entity, component: text(o, 'component'), path: path(o['path']), value: o['value'] };
    case 'add': {
      const edit: InspectEdit = { op: 'add', entity, component: text(o, 'component') };
      if (o['data'] !== undefined) edit.data = obj(o['data'], '"data"');
      return edit;
    }
    case 'remove':
      return { op: 'remove', entity, component: text(o, 'component') };
    case 'destroy':
      return { op: 'destroy', entity };
    case 'restore': {
      const components = obj(o['components'], '"components"');
      for (const [name, data] of Object.entries(components)) obj(data, `The data of ${name.slice(0, 60)}`);
      const key = optText(o, 'key', 400);
      return { op: 'restore', entity, ...(key !== undefined ? { key } : {}), components: components as Record<string, Record<string, unknown>> };
    }
    default:
      return bad('"op" must be one of set, add, remove, destroy, restore');
  }
}
