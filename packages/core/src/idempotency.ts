import type { OperationContract } from './operations.js';

/** What identifies one logical call, on every attempt and every error of it. */
export interface CallIdentity {
  idempotencyKey: string | undefined;
  correlationId: string | undefined;
  /** The headers that carry them. */
  headers: Record<string, string>;
  /** The body, with the idempotency key in it where the key is a body field. */
  body: unknown;
}

/** What the caller gave: its own key or correlation id, and the body. */
export interface GivenIdentity {
  idempotencyKey?: string | undefined;
  correlationId?: string | undefined;
  body?: unknown;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether `value` is a UUID in its canonical text form (any version, either case). */
export function isUuid(value: string): boolean {
  return UUID.test(value);
}

const NO_IDS = { idempotencyKey: undefined, correlationId: undefined, headers: {} } as const;

/**
 * Fixes the idempotency key and the correlation id of one logical call, once, so that every
 * retry sends the same: the caller's (or, for a body key, the body's own), else a new UUID,
 * placed where the operation's contract says (a header, or a body field).
 */
export function callIdentity(contract: OperationContract, given: GivenIdentity): CallIdentity {
  if (!contract.key && !contract.correlation) return { ...NO_IDS, body: given.body };
  const headers: Record<string, string> = {};
  let { body } = given;
  let idempotencyKey: string | undefined;
  let correlationId: string | undefined;
  if (contract.correlation) {
    correlationId = given.correlationId ?? crypto.randomUUID();
    headers[contract.correlation.name] = correlationId;
  }
  const { key } = contract;
  if (key?.in === 'header') {
    idempotencyKey = given.idempotencyKey ?? crypto.randomUUID();
    headers[key.name] = idempotencyKey;
  } else if (key?.in === 'body') {
    const fields = (body ?? {}) as Record<string, unknown>;
    const inBody = fields[key.name];
    idempotencyKey =
      given.idempotencyKey ??
      (typeof inBody === 'string' && inBody !== '' ? inBody : crypto.randomUUID());
    if (inBody !== idempotencyKey) body = { ...fields, [key.name]: idempotencyKey };
  }
  return { idempotencyKey, correlationId, headers, body };
}
