import { boundMessage } from './log-fields';

export const LOG_LEVELS = ['DEBUG', 'INFO', 'WARNING', 'ERROR'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

const RANK: Record<LogLevel, number> = { DEBUG: 10, INFO: 20, WARNING: 30, ERROR: 40 };

export interface LogRecord {
  readonly level: LogLevel;
  readonly message: string;
  /** The pack or subsystem that logged, when known ("combat", "telnet"). */
  readonly source?: string;
  readonly time: number;
}

export type LogSink = (record: LogRecord) => void;

/** Writes records in the seed's shape: `[INFO] File changed: combat.ts`. */
export function formatRecord(record: LogRecord): string {
  return `[${record.level}] ${record.message}`;
}

export const consoleSink: LogSink = (record) => {
  const line = formatRecord(record) + '\n';
  if (RANK[record.level] >= RANK.WARNING) process.stderr.write(line);
  else process.stdout.write(line);
};

/**
 * A logger with a threshold and any number of sinks. Children share the sinks
 * and threshold of their root, and stamp their own source on each record.
 */
export class Logger {
  private readonly root: { level: LogLevel; sinks: Set<LogSink> };

  constructor(
    level: LogLevel = 'INFO',
    sinks: LogSink[] = [consoleSink],
    private readonly source?: string,
    root?: { level: LogLevel; sinks: Set<LogSink> },
  ) {
    this.root = root ?? { level, sinks: new Set(sinks) };
  }

  get level(): LogLevel {
    return this.root.level;
  }

  set level(level: LogLevel) {
    this.root.level = level;
  }

  child(source: string): Logger {
    return new Logger(this.root.level, [], source, this.root);
  }

  /** Adds a sink; the returned function removes it again. */
  addSink(sink: LogSink): () => void {
    this.root.sinks.add(sink);
    return () => this.root.sinks.delete(sink);
  }

  isEnabled(level: LogLevel): boolean {
    return RANK[level] >= RANK[this.root.level];
  }

  log(level: LogLevel, message: string): void {
    if (!this.isEnabled(level)) return;
    const record: LogRecord = { level, message: boundMessage(message), time: Date.now(), ...(this.source ? { source: this.source } : {}) };
    for (const sink of this.root.sinks) {
      try {
        sink(record);
      } catch {
        // A broken sink must not take logging (or the caller) down with it.
      }
    }
  }

  debug(message: string): void {
    this.log('DEBUG', message);
  }
  info(message: string): void {
    this.log('INFO', message);
  }
  warn(message: string): void {
    this.log('WARNING', message);
  }
  error(message: string): void {
    this.log('ERROR', message);
  }
}

/** A sink that keeps records in memory, for tests and the studio's log panel. */
export class MemorySink {
  readonly records: LogRecord[] = [];
  constructor(private readonly limit = 5000) {}
  readonly sink: LogSink = (record) => {
    this.records.push(record);
    if (this.records.length > this.limit) this.records.splice(0, this.records.length - this.limit);
  };
  lines(): string[] {
    return this.records.map(formatRecord);
  }
}
