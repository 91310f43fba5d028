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
