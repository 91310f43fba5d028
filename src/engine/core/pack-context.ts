import { AsyncLocalStorage } from 'node:async_hooks';
import type { DisposableStore } from './disposable';

/** Which pack's code is running now, so what it registers lands in its scope. */
export interface PackFrame {
  readonly packName: string;
  readonly scope: DisposableStore;
}

const storage = new AsyncLocalStorage<PackFrame>();

export function runInPack<T>(frame: PackFrame, fn: () => T): T {
  return storage.run(frame, fn);
}

export function currentPack(): PackFrame | undefined {
  return storage.getStore();
}

/**
 * Captures which pack is current now and returns a function that makes it
 * current again. A cut-off terminates pack code inside `runInPack` without
 * running its `finally`, which would leave the culprit's frame current for
 * whatever the engine does next.
 */
export function runawayContextReset(): () => void {
  const before = storage.getStore();
  return () => {
    if (storage.getStore() !== before) storage.enterWith(before as PackFrame);
  };
}
