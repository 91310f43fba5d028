/**
 * What a component's fields may hold, told from its defaults: a field exists
 * when `defaults()` has it, and takes a value of the same JSON type as its
 * default (a number where the default is a number, a list where it is a
 * list). A default of null or undefined says nothing, so such a field takes
 * any JSON value. The studio's inspector checks edits with this, and content
 * files (areas, prototypes) can check their component data with it too.
 */
import type { ComponentType } from './component';

export type JsonKind = 'string' | 'number' | 'boolean' | 'null' | 'list' | 'object';

/** The JSON kind of a value, or why it is no JSON value at all. */
export function jsonKindOf(value: unknown): JsonKind | { notJson: string } {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'list';
  switch (typeof value) {
    case 'string':
      return 'string';
    case 'boolean':
      return 'boolean';
    case 'number':
      return Number.isFinite(value) ? 'number' : { notJson: `${String(value)} is not a JSON number` };
    case 'object':
      return 'object';
    default:
      return { notJson: `a ${typeof value} is not a JSON value` };
  }
}

const KIND_WORD: Record<JsonKind, string> = { string: 'a string', number: 'a number', boolean: 'true or false', null: 'null', list: 'a list', object: 'an object' };

/** The JSON kind a default asks for; undefined when it asks for none (null or undefined). */
function kindOfDefault(example: unknown): JsonKind | undefined {
  if (example === null || example === undefined) return undefined;
  const kind = jsonKindOf(example);
  return typeof kind === 'string' ? kind : undefined;
}

/**
 * Why `value` cannot go where the default is `example` (`what` names the
 * place, e.g. "Health.current"); undefined when it can. The one rule the
 * inspector and content files share.
 */
export function valueProblem(what: string, example: unknown, value: unknown): string | undefined {
  const kind = jsonKindOf(value);
  if (typeof kind !== 'string') return `${what} cannot hold this value: ${kind.notJson}`;
  const wanted = kindOfDefault(example);
  if (wanted === undefined || wanted === kind) return undefined;
  return `${what} holds ${KIND_WORD[wanted]} (its default is ${JSON.stringify(example)}), not ${KIND_WORD[kind]} such as ${JSON.stringify(value)?.slice(0, 60)}`;
}

/** The fields a component has: the keys of its defaults. */
export function componentFields(type: ComponentType<object>): string[] {
  return Object.keys(type.defaults());
}

/**
 * Problems with a whole data object for a component: fields it does not
 * have, and values of another JSON kind than their default. Empty when the
 * data fits.
 */
export function componentDataProblems(type: ComponentType<object>, data: Record<string, unknown>): string[] {
  const defaults = type.defaults() as Record<string, unknown>;
  const problems: string[] = [];
  for (const [field, value] of Object.entries(data)) {
    if (!Object.hasOwn(defaults, field)) {
      problems.push(unknownField(type.name, field, Object.keys(defaults)));
      continue;
    }
    const problem = valueProblem(`${type.name}.${field}`, defaults[field], value);
    if (problem) problems.push(problem);
  }
  return problems;
}

export function unknownField(component: string, field: string, fields: string[]): string {
  return `${component} has no field "${field}"; its fields: ${fields.join(', ') || 'none'}`;
}
