// Checks the arguments of the Map panel's calls (see validation.ts): both transports run these.
import { StudioError } from './errors';
import { MAP_DIRECTIONS, type MapEdit, type MapWatchRequest } from './map-model';

const invalid = (message: string): never => {
  throw new StudioError('invalid-argument', message);
};

const ROOM_KEY = /^[a-z0-9][a-z0-9._-]*:[a-z0-9][a-z0-9._-]*$/;
const VIEWER = /^[A-Za-z0-9_-]{1,100}$/;

function fields(method: string, value: unknown, keys: readonly string[]): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) invalid(`${method} takes an object with ${keys.join(', ')}`);
  const o = value as Record<string, unknown>;
  const unknown = Object.keys(o).filter((k) => !keys.includes(k));
  if (unknown.length > 0) invalid(`${method}: unknown field ${unknown.map((k) => JSON.stringify(k)).join(', ')}; accepted: ${keys.join(', ')}`);
  return o;
}

function roomKey(method: string, field: string, value: unknown): string {
  if (typeof value !== 'string' || value.length > 400 || !ROOM_KEY.test(value)) invalid(`${method}: "${field}" must be a room's key, such as "starter-world:town-square"`);
  return value as string;
}

function direction(method: string, value: unknown): string {
  if (typeof value !== 'string' || !(MAP_DIRECTIONS as readonly string[]).includes(value)) invalid(`${method}: "direction" must be one of ${MAP_DIRECTIONS.join(', ')}`);
  return value as string;
}

export function mapWatchRequest(value: unknown): MapWatchRequest {
  const o = fields('watchMap', value, ['viewer', 'open']);
  if (typeof o.viewer !== 'string' || !VIEWER.test(o.viewer)) invalid('watchMap: "viewer" must be the window\'s id (letters, digits, "-" and "_")');
  if (typeof o.open !== 'boolean') invalid('watchMap: "open" must be true or false');
  return { viewer: o.viewer as string, open: o.open as boolean };
}

export function mapEdit(value: unknown): MapEdit {
  const method = 'editMap';
  const op = (value as { op?: unknown } | null)?.op;
  if (op === 'exit') {
    const o = fields(method, value, ['op', 'from', 'direction', 'to']);
    return { op, from: roomKey(method, 'from', o.from), direction: direction(method, o.direction), to: roomKey(method, 'to', o.to) };
  }
  if (op === 'room') {
    const o = fields(method, value, ['op', 'from', 'direction', 'name']);
    const name = typeof o.name === 'string' ? o.name.trim() : '';
    if (name === '' || name.length > 80) invalid(`${method}: "name" must be the new room's name, 1 to 80 characters`);
    return { op, from: roomKey(method, 'from', o.from), direction: direction(method, o.direction), name };
  }
  return invalid(`${method}: "op" must be one of exit, room`);
}
