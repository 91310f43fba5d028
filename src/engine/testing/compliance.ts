import { isComponentType } from '../ecs/component';
import { isCommand } from '../commands/define';
import { isSystem, isStatefulSystem, systemName } from '../systems/system';
import { World } from '../ecs/world';
import { contractViolations, type ContentPack } from '../packs/contract';

/** Thrown by the pack test kit; its message lists every problem, one a line. */
export class PackCheckError extends Error {
  constructor(
    readonly packName: string,
    readonly problems: string[],
  ) {
    super(`Pack ${packName} does not follow the pack protocol:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'PackCheckError';
  }
}

function collect(pack: ContentPack): string[] {
  const problems = contractViolations(pack);
  if (problems.length > 0) return problems;
  const call = <T>(what: string, fn: () => T): T | undefined => {
    try {
      return fn();
    } catch (err) {
      problems.push(`${what} threw: ${(err as Error).message}`);
      return undefined;
    }
  };
  const arrayOf = (what: string, value: unknown, check: (v: unknown) => boolean, expected: string) => {
    if (value === undefined) return;
    if (!Array.isArray(value)) return problems.push(`${what} must return an array (got ${typeof value})`);
    value.forEach((v, i) => {
      if (!check(v)) problems.push(`${what}[${i}] is not ${expected}`);
    });
  };

  const components = call('getComponents()', () => pack.getComponents?.());
  arrayOf('getComponents()', components, isComponentType, 'a component made with defineComponent');
  const names = new Set<string>();
  for (const c of components ?? []) {
    if (!isComponentType(c)) continue;
    if (names.has(c.name)) problems.push(`component "${c.name}" is listed twice`);
    names.add(c.name);
    const value = call(`defaults() of component "${c.name}"`, () => c.defaults());
    if (value !== undefined && JSON.stringify(value) === undefined) problems.push(`defaults() of component "${c.name}" is not JSON-serialisable`);
  }

  arrayOf('getCommands()', call('getCommands()', () => pack.getCommands?.()), isCommand, 'a command made with defineCommand');

  const systems = call('getSystems(world)', () => pack.getSystems?.(new World()));
  arrayOf('getSystems(world)', systems, isSystem, 'a System (an object with update(delta))');
  for (const s of systems ?? []) {
    if (!isSystem(s)) continue;
    if (typeof s.priority !== 'number' || Number.isNaN(s.priority)) problems.push(`system ${systemName(s)} has no numeric priority`);
    const half = typeof (s as unknown as Record<string, unknown>).captureState === 'function' || typeof (s as unknown as Record<string, unknown>).restoreState === 'function';
    if (half && !isStatefulSystem(s)) problems.push(`system ${systemName(s)} has only one of captureState/restoreState; a stateful system needs both`);
    if (isStatefulSystem(s)) {
      const state = call(`captureState() of ${systemName(s)}`, () => s.captureState());
      if (state !== undefined && (typeof state !== 'object' || state === null)) problems.push(`captureState() of ${systemName(s)} must return an object`);
      else if (state !== undefined && JSON.stringify(state) === undefined) problems.push(`captureState() of ${systemName(s)} is not JSON-serialisable`);
    }
  }

  const handlers = call('getEventHandlers()', () => pack.getEventHandlers?.());
  arrayOf('getEventHandlers()', handlers, (h) => typeof (h as { event?: unknown })?.event === 'string' && typeof (h as { handler?: unknown })?.handler === 'function', 'an event handler made with defineEventHandler');

  const migrations = call('getMigrations()', () => pack.getMigrations?.()) ?? [];
  arrayOf('getMigrations()', migrations, (m) => typeof (m as { migrate?: unknown })?.migrate === 'function', 'a migration { component, from, to, migrate }');
  for (const m of Array.isArray(migrations) ? migrations : []) {
    if (typeof m?.migrate !== 'function') continue;
    if (!Number.isInteger(m.from) || !Number.isInteger(m.to) || m.to <= m.from) problems.push(`migration of "${m.component}" must go from a version to a higher one (got ${m.from} -> ${m.to})`);
    const current = (components ?? []).find((c) => isComponentType(c) && c.name === m.component);
    if (current && m.to > current.version) problems.push(`migration of "${m.component}" goes to version ${m.to}, above the component's version ${current.version}`);
  }
  return problems;
}

/** Asserts that a pack follows the pack protocol: manifest, and every hook with the right shape. */
export function checkPackContract(pack: ContentPack): void {
  const problems = collect(pack);
  const name = typeof pack?.manifest?.name === 'string' ? `'${pack.manifest.name}'` : '(unnamed)';
  if (problems.length > 0) throw new PackCheckError(name, problems);
}
