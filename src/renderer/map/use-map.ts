import { useActions } from '../state/context';
import { useStore } from '../state/store';
import type { MapActions } from './map-actions';
import type { MapState } from './map-state';

/** A slice of the Map panel's state; the component re-renders when it changes. */
export function useMap<S>(select: (state: MapState) => S): S {
  return useStore(useActions().map.store, select);
}

export function useMapActions(): MapActions {
  return useActions().map;
}
