import { createContext, useContext } from 'react';
import type { StudioActions } from './actions';
import { useStore } from './store';
import type { StudioState } from './studio-state';

export const StudioContext = createContext<StudioActions | null>(null);

export function useActions(): StudioActions {
  const actions = useContext(StudioContext);
  if (!actions) throw new Error('useActions outside the studio');
  return actions;
}

/** A slice of the studio state; the component re-renders when it changes. */
export function useStudio<S>(select: (state: StudioState) => S): S {
  return useStore(useActions().store, select);
}
