import { isStatefulSystem, systemName, type PackRecord } from '../../engine/host';
import type { ReloadStateDiff } from '../../shared/model';
import { toJsonSafe } from './json-safe';

/**
 * What a failed reload kept: the state each StatefulSystem of the version
 * still running holds, read right after the rollback. The engine's result
 * carries no diff for a failed reload (nothing changed); the studio shows
 * this instead, so the author sees the state survived, not "no systems".
 */
export function keptStateOf(record: PackRecord | undefined): ReloadStateDiff['systems'] {
  const systems: ReloadStateDiff['systems'] = {};
  for (const system of record?.active?.systems ?? []) {
    if (!isStatefulSystem(system)) continue;
    let state: unknown;
    try {
      state = toJsonSafe(system.captureState());
    } catch (err) {
      state = { error: `captureState() failed: ${err instanceof Error ? err.message : String(err)}` };
    }
    systems[systemName(system)] = { before: state, after: state, kept: true };
  }
  return systems;
}
