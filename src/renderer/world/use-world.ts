import { useActions } from '../state/context';
import { useStore } from '../state/store';
import type { WorldActions } from './world-actions';
import type { WorldState } from './world-state';

/** A slice of the World panel's state; the component re-renders when it changes. */
export function useWorld<S>(select: (state: WorldState) => S): S {
  return useStore(useActions().world.store, select);
}

export function useWorldActions(): WorldActions {
  return useActions().world;
}
