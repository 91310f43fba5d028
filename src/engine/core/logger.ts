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

/** Writes records in the seed's shape: `[INFO] File changed: src/systems/combat.ts`. */
export function formatRecord(record: LogRecord): string {
  return `[${record.level}] ${record.message}`;
}

/** `2026-12-01T16:05:00.123Z [INFO] ...`: the seed's line with the time in front, for logs kept in a file. */
export function formatTimestamped(record: LogRecord): string {
  return `${new Date(record.time).toISOString()} ${formatRecord(record)}`;
}

/** When log lines carry a timestamp: always, never, or (`auto`) when the stream is a file or a pipe rather than a terminal. */
export type LogTimestamps = 'auto' | 'on' | 'off';
export const LOG_TIMESTAMPS = ['auto', 'on', 'off'] as const;

/**
 * Writes records to stdout (errors and warnings to stderr). A terminal gets
 * the seed's plain form; a file or a pipe (with `auto`) gets a timestamp on
 * each line, since nothing else will tell when it was written.
 */
export function consoleSinkFor(timestamps: LogTimestamps = 'off'): LogSink {
  return (record) => {
    const stream = RANK[record.level] >= RANK.WARNING ? process.stderr : process.stdout;
    const stamped = timestamps === 'on' || (timestamps === 'auto' && !stream.isTTY);
    stream.write((stamped ? formatTimestamped(record) : formatRecord(record)) + '\n');
  };
}

/** The seed's plain form, whatever the stream is. */
export const consoleSink: LogSink = consoleSinkFor('off');

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
