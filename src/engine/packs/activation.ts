import { DisposableStore } from '../core/disposable';
import { PackError, errorMessage } from '../core/errors';
import { runInPack, type PackFrame } from '../core/pack-context';
import { isComponentType, type ComponentType } from '../ecs/component';
import { isCommand, type Command } from '../commands/define';
import { isSystem, systemName, type System } from '../systems/system';
import { CutOffError } from '../core/runaway-guard';
import type { ComponentMigration, ContentPack, EventHandler } from './contract';
import type { GameEngine } from '../engine';

/** What one version of a pack put into the engine, owned by its scope. */
export interface ActivePack {
  readonly name: string;
  readonly pack: ContentPack;
  readonly frame: PackFrame;
  readonly components: ComponentType<object>[];
  readonly systems: System[];
  readonly commands: Command[];
  readonly handlers: EventHandler[];
  readonly migrations: ComponentMigration[];
}

function listOf<T>(value: unknown, what: string, check: (v: unknown) => v is T, packName: string): T[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw new PackError(`Pack '${packName}': ${what} must return an array`, packName);
  value.forEach((item, i) => {
    if (!check(item)) throw new PackError(`Pack '${packName}': item ${i} returned by ${what} is not valid`, packName);
  });
  return value as T[];
}

const isHandler = (v: unknown): v is EventHandler =>
  typeof v === 'object' && v !== null && typeof (v as EventHandler).event === 'string' && typeof (v as EventHandler).handler === 'function';
const isMigration = (v: unknown): v is ComponentMigration => {
  const m = v as ComponentMigration | null;
  return typeof m === 'object' && m !== null && typeof m.component === 'string' && Number.isInteger(m.from) && Number.isInteger(m.to) && m.to > m.from && typeof m.migrate === 'function';
};

type PackMethod = (...args: never[]) => unknown;

/**
 * Runs one of a pack's own methods under the runaway guard: its synchronous
 * part (an async method's promise is awaited by the caller, unguarded).
 * Throws a CutOffError when it runs away.
 */
function runPackMethod<T>(engine: GameEngine, packName: string, what: string, method: PackMethod | undefined, invoke: () => T): T | undefined {
  if (!method) return undefined;
  const guard = engine.runaway;
  let result: T | undefined;
  const stopped = guard.run(() => {
    result = guard.within({ kind: 'load', packName, name: what, fn: method }, invoke);
  });
  if (stopped) throw new CutOffError(stopped);
  return result;
}

/**
 * Registers everything a pack offers, inside a new scope, then runs its
 * `onLoad`. All of it runs as the pack, so whatever its code registers on
 * the way (event subscriptions in a system's constructor, timers in onLoad)
 * is owned by the same scope. On any failure the scope is disposed and
 * nothing of the pack stays registered.
 */
export async function activatePack(engine: GameEngine, pack: ContentPack): Promise<ActivePack> {
  const name = pack.manifest.name;
  const scope = new DisposableStore();
  const frame: PackFrame = { packName: name, scope };
  const packCode = <T>(what: string, method: PackMethod | undefined, invoke: () => T) => runPackMethod(engine, name, what, method, invoke);
  try {
    return await runInPack(frame, async () => {
      const components = listOf(packCode('getComponents()', pack.getComponents, () => pack.getComponents?.()), 'getComponents()', isComponentType, name);
      for (const c of components) scope.add(engine.world.registerComponent(c, name));

      const commands = listOf(packCode('getCommands()', pack.getCommands, () => pack.getCommands?.()), 'getCommands()', isCommand, name);
      for (const c of commands) scope.add(engine.commands.register(c, name));

      const handlers = listOf(packCode('getEventHandlers()', pack.getEventHandlers, () => pack.getEventHandlers?.()), 'getEventHandlers()', isHandler, name);
      for (const h of handlers) {
        const call = { kind: 'event', packName: name, name: h.event, fn: h.handler } as const;
        scope.add(engine.world.events.on(h.event, (payload) => engine.runaway.within(call, () => runInPack(frame, () => h.handler(payload, { world: engine.world, engine })))));
      }

      const migrations = listOf(packCode('getMigrations()', pack.getMigrations, () => pack.getMigrations?.()), 'getMigrations()', isMigration, name);

      const systems = listOf(packCode('getSystems()', pack.getSystems, () => pack.getSystems?.(engine.world)), 'getSystems()', isSystem, name);
      for (const s of systems) scope.add(engine.scheduler.add(s, name));

      await packCode('onLoad', pack.onLoad, () => pack.onLoad?.(engine));
      if (engine.isStarted) for (const s of systems) await packCode(`onStart of ${systemName(s)}`, s.onStart, () => s.onStart?.());
      return { name, pack, frame, components, systems, commands, handlers, migrations };
    });
  } catch (err) {
    try {
      scope.dispose();
    } catch {
      // The original failure is the one worth reporting.
    }
    if (err instanceof PackError) throw err;
    throw new PackError(`Pack '${name}' failed to load: ${engine.describeError(err)}`, name, { cause: err });
  }
}

/** Reports a cut-off while unloading (the unload goes on); its message, or undefined for any other error. */
function ranAway(engine: GameEngine, err: unknown): string | undefined {
  if (!(err instanceof CutOffError)) return undefined;
  return engine.reportRunaway(err.cutOff, 'unloading goes on').message;
}

/**
 * Undoes an activation: `onUnload`, systems' `onStop`, then every registration
 * in the scope. Failures are reported, never thrown: unloading always finishes.
 */
export async function deactivatePack(engine: GameEngine, active: ActivePack): Promise<string[]> {
  const problems: string[] = [];
  await runInPack(active.frame, async () => {
    const { pack, name } = active;
    try {
      await runPackMethod(engine, name, 'onUnload', pack.onUnload, () => pack.onUnload?.(engine));
    } catch (err) {
      problems.push(`onUnload failed: ${ranAway(engine, err) ?? engine.describeError(err)}`);
    }
    if (engine.isStarted) {
      for (const s of active.systems) {
        try {
          await runPackMethod(engine, name, `onStop of ${systemName(s)}`, s.onStop, () => s.onStop?.());
        } catch (err) {
          problems.push(`onStop of a system failed: ${ranAway(engine, err) ?? errorMessage(err)}`);
        }
      }
    }
  });
  try {
    active.frame.scope.dispose();
  } catch (err) {
    problems.push(`disposing registrations failed: ${errorMessage(err)}`);
  }
  for (const p of problems) engine.logger.warn(`Pack '${active.name}': ${p}`);
  return problems;
}

