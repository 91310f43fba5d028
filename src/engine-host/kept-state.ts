import { isStatefulSystem, systemName, type PackRecord } from '../engine/host';
import { toJsonSafe } from '../engine/core/json-safe';

/**
 * What a failed reload kept: the state each StatefulSystem of the version
 * still running holds, read right after the rollback. The engine's result
 * carries no diff for a failed reload (nothing changed); the studio shows
 * this instead, so the author sees the state survived, not "no systems".
 * Made here, in the engine's process, where the state is; sent with the result.
 */
export function keptStateOf(record: PackRecord | undefined): Record<string, { before: unknown; after: unknown; kept: true }> {
  const systems: Record<string, { before: unknown; after: unknown; kept: true }> = {};
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
