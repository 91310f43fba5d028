import type { LogRecord } from '../../engine/host';
import type { LogEntry } from '../../shared/model';

/** Finds the pack a log line is about: its source when that is a pack, else a pack named in it. */
export function packOfLine(record: Pick<LogRecord, 'message' | 'source'>, packNames: readonly string[]): string | undefined {
  if (record.source && packNames.includes(record.source)) return record.source;
  for (const name of packNames) {
    if (record.message.includes(`'${name}'`) || new RegExp(`(?:pack:? |Watching: )${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`).test(record.message)) return name;
  }
  return undefined;
}

/**
 * Keeps the last `limit` log lines with increasing sequence numbers, and
 * hands new lines on in batches (one event per `batchMs`, not one per line).
 */
export class LogBuffer {
  private readonly entries: LogEntry[] = [];
  private seq = 0;
  private pending: LogEntry[] = [];
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly packNames: () => readonly string[],
    private readonly flush: (entries: LogEntry[]) => void,
    private readonly limit = 2000,
    private readonly batchMs = 50,
  ) {}

  /** The sink to add to the engine's logger. */
  readonly sink = (record: LogRecord): void => {
    const pack = packOfLine(record, this.packNames());
    const entry: LogEntry = {
      seq: ++this.seq,
      level: record.level,
      message: record.message,
      time: record.time,
      ...(record.source ? { source: record.source } : {}),
      ...(pack ? { pack } : {}),
    };
    this.entries.push(entry);
    if (this.entries.length > this.limit) this.entries.splice(0, this.entries.length - this.limit);
    this.pending.push(entry);
    this.timer ??= setTimeout(() => this.drain(), this.batchMs);
  };

  all(): LogEntry[] {
    return [...this.entries];
  }

  drain(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.pending.length === 0) return;
    const batch = this.pending;
    this.pending = [];
    this.flush(batch);
  }
}
