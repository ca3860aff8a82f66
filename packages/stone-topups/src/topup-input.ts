import { isUuid, ValidationError } from '@telcopay/core';
import { PROVIDER } from './environments.js';
import type { components } from './generated/schema.js';

type TvTopupRequest = components['schemas']['TvTopupRequest'];

/** One TV top-up, as the dry run and the confirmation take it. */
export interface TopupInput {
  /** The Stone account that is charged (a UUID); defaults to the client's `accountId`. */
  accountId?: string | undefined;
  /** Integer cents, above zero (`10900` = R$ 109,00): a value `listValues` offers. */
  amount: number;
  /** The subscriber's CPF or subscriber code (Código do Assinante) with the provider. */
  clientCode: string;
  /** The provider's `id` from `listProviders` (`2126` for Claro TV), as a number or a string. */
  providerId: number | string;
}

const POSITIVE_INTEGER = /^[1-9]\d*$/;
/** A header value: visible ASCII, at most 72 characters (the spec's limit). */
const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,72}$/;

export function invalidInput(
  operation: string,
  field: string,
  message: string,
  body?: Record<string, unknown>,
): never {
  throw new ValidationError(message, {
    provider: PROVIDER,
    operation,
    field,
    ...(body ? { body } : {}),
  });
}

/** Checks a top-up and returns the request body. The CPF/subscriber code is never echoed. */
export function topupBody(
  input: TopupInput,
  defaultAccountId: string | undefined,
  operation: string,
): TvTopupRequest {
  const accountId = input.accountId ?? defaultAccountId;
  if (typeof accountId !== 'string' || !isUuid(accountId)) {
    invalidInput(
      operation,
      'accountId',
      `accountId must be the UUID of the Stone account to charge, in the input or the client options (got ${JSON.stringify(accountId)}).`,
      { accountId },
    );
  }
  const { amount } = input;
  if (!Number.isSafeInteger(amount) || amount <= 0) {
    invalidInput(
      operation,
      'amount',
      `amount must be a positive integer number of cents, e.g. 10900 for R$ 109,00 (got ${String(amount)}).`,
      { amount },
    );
  }
  if (typeof input.clientCode !== 'string' || input.clientCode.trim() === '') {
    invalidInput(operation, 'clientCode', "clientCode must be the subscriber's CPF or code.");
  }
  return {
    account_id: accountId,
    amount,
    client_code: input.clientCode,
    provider_id: providerIdOf(input.providerId, operation),
  };
}

/** The provider id as the top-up body takes it: a positive integer, as a string. */
export function providerIdOf(providerId: number | string, operation: string): string {
  const text = typeof providerId === 'number' ? String(providerId) : providerId;
  if (typeof text !== 'string' || !POSITIVE_INTEGER.test(text)) {
    invalidInput(
      operation,
      'providerId',
      `providerId must be a provider's id from listProviders, e.g. 2126 (got ${JSON.stringify(providerId)}).`,
      { providerId },
    );
  }
  return text;
}

/** The caller's idempotency key, checked; without one, core makes one for the call. */
export function checkedIdempotencyKey(
  key: string | undefined,
  operation: string,
): string | undefined {
  if (key !== undefined && (typeof key !== 'string' || !IDEMPOTENCY_KEY.test(key))) {
    invalidInput(
      operation,
      'idempotencyKey',
      'idempotencyKey must be 1 to 72 visible ASCII characters (a UUID is a good choice).',
      { idempotencyKey: key },
    );
  }
  return key;
}

/** A confirmation; without `idempotencyKey` the client generates one (and returns it). */
export interface ConfirmInput extends TopupInput {
  /** 1 to 72 characters; reuse it to send the same top-up again safely. */
  idempotencyKey?: string | undefined;
}

/** A confirmation that can be sent again as the same top-up: its idempotency key is fixed. */
export interface ConfirmRetry extends TopupInput {
  accountId: string;
  idempotencyKey: string;
}

/** The top-up a checked body describes, with its idempotency key: what a retry sends again. */
export function confirmRetryOf(body: TvTopupRequest, idempotencyKey: string): ConfirmRetry {
  return {
    accountId: body.account_id,
    amount: body.amount,
    clientCode: body.client_code,
    providerId: body.provider_id,
    idempotencyKey,
  };
}
