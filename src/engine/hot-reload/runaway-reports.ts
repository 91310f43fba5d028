import type { Logger } from '../core/logger';
import type { CutOff, PackCall } from '../core/runaway-guard';
import type { SystemEntry, SystemRunaway } from '../systems/scheduler';
import { cutOffRecord, type Runaway } from './cut-off-report';
import type { HotReloadManager } from './manager';
import type { CutOffRecord } from './types';

export interface RunawayReportOptions {
  /** A reload reports it in its own result: only `onCutOff` hears of it here. */
  inReload?: boolean;
  /** Where, when the caller knows better than the pack's loader. */
  location?: CutOffRecord['location'];
}

/**
 * Turns runaways into reports: an ERROR log line naming the pack, the call
 * and where it was running, an entry in the reload timeline, and
 * `hotReload.onCutOff` for a host that reports it on.
 */
export class RunawayReports {
  constructor(
    private readonly logger: Logger,
    private readonly hotReload: () => HotReloadManager,
  ) {}

  cutOff(cutOff: CutOff, consequence: string, options: RunawayReportOptions = {}): CutOffRecord {
    return this.record({ type: 'cut-off', cutOff }, consequence, options);
  }

  /** A system cut off (or whose async update was left behind); the scheduler has quarantined it or not already. */
  system(entry: SystemEntry, runaway: SystemRunaway): CutOffRecord {
    const consequence = entry.quarantined
      ? `system ${entry.name} is quarantined until pack '${entry.packName}' reloads successfully; the game goes on`
      : `system ${entry.name} that called it goes on`;
    return runaway.type === 'cut-off' ? this.record(runaway, consequence) : this.record({ type: 'unsettled', call: entry.call, waitedMs: runaway.waitedMs }, consequence);
  }

  private record(runaway: Runaway, consequence: string, options: RunawayReportOptions = {}): CutOffRecord {
    const hotReload = this.hotReload();
    const call = runaway.type === 'cut-off' ? runaway.cutOff.call : runaway.call;
    const running = runaway.type === 'cut-off' ? runaway.cutOff.running : undefined;
    const record = cutOffRecord(runaway, options.location ?? this.locate(hotReload, call, running), consequence);
    if (options.inReload) {
      void hotReload.onCutOff.fire(record);
    } else {
      this.logger.error(record.message);
      hotReload.recordCutOff(record);
    }
    return record;
  }

  /** Where it ran; a report goes out even when finding that fails. */
  private locate(hotReload: HotReloadManager, call: PackCall, running: CutOff['running']): CutOffRecord['location'] {
    try {
      return hotReload.locateCall(call, running);
    } catch (err) {
      this.logger.debug(`Could not locate a runaway ${call.kind}: ${String(err)}`);
      return undefined;
    }
  }
}
