import { toDisposable, type Disposable } from '../core/disposable';
import { currentPack } from '../core/pack-context';
import { CutOffError, RunawayGuard, type PackCall } from '../core/runaway-guard';
import type { HookName, HotReloadContext, HotReloadHook } from './types';

export const HOOK_NAMES: readonly HookName[] = ['pre_unload', 'post_unload', 'pre_load', 'post_load', 'on_error'];

/** Hooks by name, run in registration order; a throwing hook fails the reload (and so rolls it back). */
export class HookRunner {
  private readonly hooks = new Map<HookName, Set<HotReloadHook>>();
  /** The pack that registered each hook (undefined: the host). */
  private readonly owners = new WeakMap<HotReloadHook, string | undefined>();

  /** Each hook's synchronous part runs under `guard`: a hook that runs away fails the reload with a CutOffError. */
  constructor(private readonly guard: RunawayGuard = new RunawayGuard(0)) {}

  register(name: HookName, fn: HotReloadHook): Disposable {
    if (!HOOK_NAMES.includes(name)) throw new TypeError(`Unknown hot reload hook '${String(name)}': use one of ${HOOK_NAMES.join(', ')}`);
    if (typeof fn !== 'function') throw new TypeError(`Hook '${name}' must be a function`);
    const set = this.hooks.get(name) ?? new Set();
    set.add(fn);
    this.owners.set(fn, currentPack()?.packName);
    this.hooks.set(name, set);
    return toDisposable(() => set.delete(fn));
  }

  count(name?: HookName): number {
    if (name) return this.hooks.get(name)?.size ?? 0;
    let n = 0;
    for (const set of this.hooks.values()) n += set.size;
    return n;
  }

  async run(name: HookName, ctx: HotReloadContext): Promise<void> {
    for (const fn of [...(this.hooks.get(name) ?? [])]) {
      const call: PackCall = { kind: 'hook', packName: this.owners.get(fn), name: `${name} (${fn.name || 'anonymous'})`, fn };
      let result: void | Promise<void> = undefined;
      try {
        // Reloads are rare: a guard per hook costs nothing that matters.
        const stopped = this.guard.run(() => {
          result = this.guard.within(call, () => fn(ctx));
        });
        if (stopped) throw new CutOffError(stopped);
        await result;
      } catch (err) {
        if (err instanceof CutOffError) throw err;
        throw new Error(`Hook ${name} failed: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
      }
    }
  }
}
