import type { SecretRegistry } from './secrets.js';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/** One structured log entry. Secrets are redacted before a hook ever sees it. */
export interface LogEntry {
  level: LogLevel;
  /** A stable, machine-readable name: `request`, `response`, `retry`, `error`, `token`. */
  event: string;
  message: string;
  provider: string;
  operation?: string | undefined;
  fields?: Record<string, unknown> | undefined;
}

/** The logger hook a client takes: called once per entry. */
export type Logger = (entry: LogEntry) => void;

const LEVEL_ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

/** A hook that prints entries at or above `minLevel` as JSON lines on stderr. */
export function consoleLogger(minLevel: LogLevel = 'info'): Logger {
  return (entry) => {
    if (LEVEL_ORDER[entry.level] >= LEVEL_ORDER[minLevel]) console.error(JSON.stringify(entry));
  };
}

/** Wraps the caller's hook so that every entry is redacted first; a missing hook logs nothing. */
export function redactingLogger(logger: Logger | undefined, secrets: SecretRegistry): Logger {
  if (!logger) return () => {};
  return (entry) => logger(secrets.redact(entry));
}
