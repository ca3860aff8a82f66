import type { LogEntry, Logger } from '@telcopay/core';

/** Secrets are found by a window of this many characters, then compared whole. */
const WINDOW = 12;

export interface SecretHit {
  /** The secret, masked: its first four characters and its length. */
  secret: string;
  /** Where it was found, with the secret itself cut out. */
  excerpt: string;
}

/**
 * Everything a client showed the outside world during a run: every error (message, stack,
 * toJSON, cause), every log entry, and every span and metric its telemetry exported. `scan` looks for secrets in all of it.
 */
export class Surfaces {
  readonly #texts: string[] = [];
  errors = 0;
  logEntries = 0;

  /** The logger hook every client of the suite is given. */
  readonly logger: Logger = (entry: LogEntry) => {
    this.logEntries += 1;
    this.#texts.push(JSON.stringify(entry));
  };

  /** What the clients' telemetry exported: spans, their events, metrics. */
  addExported(text: string): void {
    this.#texts.push(text);
  }

  addError(error: unknown): void {
    this.errors += 1;
    if (!(error instanceof Error)) {
      this.#texts.push(String(error));
      return;
    }
    this.#texts.push(
      String(error),
      error.message,
      error.stack ?? '',
      JSON.stringify(error),
      JSON.stringify(error.cause ?? null),
    );
  }

  /** Every place where one of `secrets` (or its URL-encoded form) appears. */
  scan(secrets: Iterable<string>): SecretHit[] {
    const forms = new Set<string>();
    for (const secret of secrets) {
      if (secret.length < WINDOW)
        throw new Error(`a secret of ${secret.length} chars is too short to scan`);
      forms.add(secret);
      forms.add(encodeURIComponent(secret));
    }
    const byWindow = new Map<string, string[]>();
    for (const form of forms) {
      const key = form.slice(0, WINDOW);
      byWindow.set(key, [...(byWindow.get(key) ?? []), form]);
    }
    const hits: SecretHit[] = [];
    for (const text of this.#texts) {
      for (let at = 0; at + WINDOW <= text.length; at += 1) {
        for (const form of byWindow.get(text.slice(at, at + WINDOW)) ?? []) {
          if (!text.startsWith(form, at)) continue;
          hits.push({
            secret: `${form.slice(0, 4)}…(${form.length})`,
            excerpt: `${text.slice(Math.max(0, at - 60), at)}<secret>${text.slice(at + form.length, at + form.length + 60)}`,
          });
        }
      }
    }
    return hits;
  }
}
