/** What a secret is replaced with wherever it would appear. */
export const REDACTED = '[REDACTED]';

/**
 * Keys whose values are credentials whatever they hold, in HTTP and OAuth generally (compared
 * lower-case, `-` and `_` alike). A provider adds its own names (its manifest's `secretNames`).
 */
const SENSITIVE_KEYS = new Set(
  [
    'authorization',
    'client_secret',
    'client_assertion',
    'access_token',
    'refresh_token',
    'id_token',
    'password',
    'private_key',
    'pin',
  ].map(normaliseKey),
);

function normaliseKey(key: string): string {
  return key.toLowerCase().replaceAll('-', '_');
}

/** Whether `key` names a credential in general (a provider's own names aside). */
export function isSensitiveKey(key: string): boolean {
  return SENSITIVE_KEYS.has(normaliseKey(key));
}

/**
 * The secrets one client knows: the configured credentials, plus what it derives at run time
 * (access tokens, signatures). Everything that leaves a client — error messages, error bodies,
 * log entries — passes through `redact`.
 */
export class SecretRegistry {
  readonly #secrets = new Set<string>();
  readonly #secretNames: ReadonlySet<string>;

  /** `secretNames`: the provider's own header, query and form names that carry credentials. */
  constructor(secrets: Iterable<string | undefined> = [], secretNames: Iterable<string> = []) {
    for (const secret of secrets) this.add(secret);
    this.#secretNames = new Set([...secretNames].map(normaliseKey));
  }

  /** Whether the value under `key` is a credential, in general or for this provider. */
  isSecretName(key: string): boolean {
    return isSensitiveKey(key) || this.#secretNames.has(normaliseKey(key));
  }

  /** Registers a secret; values too short to be a credential are ignored to keep text readable. */
  add(secret: string | undefined): void {
    if (secret && secret.length >= 4) this.#secrets.add(secret);
  }

  /** The text with every known secret (and its URL-encoded form) replaced. */
  redactText(text: string): string {
    let result = text;
    for (const secret of this.#secrets) {
      result = result.replaceAll(secret, REDACTED);
      const encoded = encodeURIComponent(secret);
      if (encoded !== secret) result = result.replaceAll(encoded, REDACTED);
    }
    return result;
  }

  /**
   * A low-level cause (a fetch TypeError, a DOMException) reduced to name, code and redacted
   * message: its own `cause` chain and properties may carry URLs, headers or bodies.
   */
  describeCause(cause: unknown): { name: string; message: string; code?: string } | undefined {
    if (!(cause instanceof Error)) return undefined;
    const inner = (cause as { cause?: { code?: unknown; message?: unknown } }).cause;
    const code = (cause as { code?: unknown }).code ?? inner?.code;
    const detail = typeof inner?.message === 'string' ? `: ${inner.message}` : '';
    return {
      name: cause.name,
      message: this.redactText(`${cause.message}${detail}`),
      ...(typeof code === 'string' ? { code } : {}),
    };
  }

  /** A deep copy of `value` with secrets and sensitive keys redacted. */
  redact<T>(value: T): T {
    return redactValue(value, this, new WeakSet()) as T;
  }
}

function redactValue(value: unknown, registry: SecretRegistry, seen: WeakSet<object>): unknown {
  if (typeof value === 'string') return registry.redactText(value);
  if (typeof value !== 'object' || value === null) return value;
  if (seen.has(value)) return '[Circular]';
  seen.add(value);
  if (Array.isArray(value)) return value.map((item) => redactValue(item, registry, seen));
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    copy[key] = registry.isSecretName(key) ? REDACTED : redactValue(item, registry, seen);
  }
  return copy;
}
