import { isStatefulSystem, systemName, type System } from '../systems/system';
import type { SystemStateDiff } from './types';

export interface CapturedState {
  state: Record<string, unknown>;
  version: number;
}

/** Captures every StatefulSystem's state, by system name, as deep copies. */
export function captureStates(systems: readonly System[]): Map<string, CapturedState> {
  const captured = new Map<string, CapturedState>();
  for (const system of systems) {
    if (!isStatefulSystem(system)) continue;
    const name = systemName(system);
    let state: Record<string, unknown>;
    try {
      state = structuredClone(system.captureState());
    } catch (err) {
      throw new Error(`captureState() of ${name} failed: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
    }
    captured.set(name, { state, version: system.stateVersion ?? 1 });
  }
  return captured;
}

/**
 * Hands captured state to the systems of the new version, matched by name;
 * state from an older state version goes through `migrateState` first.
 * Returns the before/after of every system for the state diff.
 */
export function restoreStates(systems: readonly System[], captured: ReadonlyMap<string, CapturedState>): Record<string, SystemStateDiff> {
  const diff: Record<string, SystemStateDiff> = {};
  const seen = new Set<string>();
  for (const system of systems) {
    if (!isStatefulSystem(system)) continue;
    const name = systemName(system);
    seen.add(name);
    const old = captured.get(name);
    if (!old) {
      diff[name] = { before: {}, after: safeCapture(system), added: true };
      continue;
    }
    let state = structuredClone(old.state);
    const version = system.stateVersion ?? 1;
    if (old.version !== version) {
      if (!system.migrateState) throw new Error(`${name} changed its state version from ${old.version} to ${version} but has no migrateState()`);
      state = system.migrateState(state, old.version);
    }
    try {
      system.restoreState(state);
    } catch (err) {
      throw new Error(`restoreState() of ${name} failed: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
    }
    diff[name] = { before: old.state, after: safeCapture(system) };
  }
  for (const [name, old] of captured) {
    if (!seen.has(name)) diff[name] = { before: old.state, after: null, removed: true };
  }
  return diff;
}

function safeCapture(system: { captureState(): Record<string, unknown> }): Record<string, unknown> | null {
  try {
    return structuredClone(system.captureState());
  } catch {
    return null;
  }
}
