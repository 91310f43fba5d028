// What the studio's pack tree shows of each pack, from what the engine reports.
import type { AdminPackInfo } from '../../engine/admin';
import type { LinkFailure } from '../../link/frames';
import type { PackSummary } from '../../shared/model';

/** A pack folder the engine could not read, as it reports them. */
export interface UnreadPack {
  name: string;
  dir: string;
  failure: LinkFailure;
}

/** What the file tree shows of a pack: version, status, what it registered. */
export function summaryOf(info: AdminPackInfo): PackSummary {
  return {
    name: info.name,
    version: info.version,
    ...(info.description !== undefined ? { description: info.description } : {}),
    status: info.status,
    ...(info.error ? { error: info.error } : {}),
    dependencies: info.dependencies,
    systems: info.systems,
    commands: info.commands,
    reloading: info.reloading,
  };
}

/** An unread folder as the tree shows it: failed, with the reason. */
export function unreadSummary(pack: UnreadPack): PackSummary {
  return { name: pack.name, version: '?', status: 'failed', error: pack.failure.message, dependencies: [], systems: [], commands: [], reloading: false };
}
