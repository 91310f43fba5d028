/** The map's requests as they arrive from another process: each body checked, refused with the reason when malformed. */
import { BuildError } from '../building/area-writer';
import type { MapEdit } from './types';

type Obj = Record<string, unknown>;
const bad = (message: string): never => {
  throw new BuildError(message);
};

function text(o: Obj, key: string, max = 200): string {
  const v = o[key];
  if (typeof v !== 'string' || v.length === 0 || v.length > max) bad(`"${key}" must be a string of 1 to ${max} characters`);
  return v as string;
}

export function parseMapEdit(body: unknown): MapEdit {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return bad('The map edit must be an object');
  const o = body as Obj;
  if (o['op'] === 'exit') return { op: 'exit', from: text(o, 'from', 400), direction: text(o, 'direction', 20), to: text(o, 'to', 400) };
  if (o['op'] === 'room') return { op: 'room', from: text(o, 'from', 400), direction: text(o, 'direction', 20), name: text(o, 'name', 80) };
  return bad('"op" must be one of exit, room');
}

/** `{ open: boolean }`: whether any map is open (markers are only followed while one is). */
export function parseMapWatch(body: unknown): boolean {
  const open = (body as Obj | null)?.['open'];
  if (typeof open !== 'boolean') bad('The map watch takes { "open": true | false }');
  return open as boolean;
}
