import { systemName, type PackRecord } from '../../engine/host';
import type { PackSummary } from '../../shared/model';

/** What the file tree shows of a pack: version, status, what it registered. */
export function summarizePack(record: PackRecord, reloading: boolean): PackSummary {
  const description = (record.manifest as { description?: unknown }).description;
  return {
    name: record.name,
    version: record.manifest.version,
    ...(typeof description === 'string' ? { description } : {}),
    status: record.status,
    ...(record.error ? { error: record.error } : {}),
    dependencies: [...(record.manifest.dependencies ?? [])],
    systems: (record.active?.systems ?? []).map((s) => systemName(s)),
    commands: (record.active?.commands ?? []).map((c) => c.name),
    reloading,
  };
}
