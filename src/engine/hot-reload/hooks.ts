import { toDisposable, type Disposable } from '../core/disposable';
import type { HookName, HotReloadContext, HotReloadHook } from './types';

export const HOOK_NAMES: readonly HookName[] = ['pre_unload', 'post_unload', 'pre_load', 'post_load', 'on_error'];

/** Hooks by name, run in registration order; a throwing hook fails the reload (and so rolls it back). */
export class HookRunner {
  private readonly hooks = new Map<HookName, Set<HotReloadHook>>();

  register(name: HookName, fn: HotReloadHook): Disposable {
    if (!HOOK_NAMES.includes(name)) throw new TypeError(`Unknown hot reload hook '${String(name)}': use one of ${HOOK_NAMES.join(', ')}`);
    if (typeof fn !== 'function') throw new TypeError(`Hook '${name}' must be a function`);
    const set = this.hooks.get(name) ?? new Set();
    set.add(fn);
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
      try {
        await fn(ctx);
      } catch (err) {
        throw new Error(`Hook ${name} failed: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
      }
    }
  }
}
