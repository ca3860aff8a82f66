import { AuthError, type CallOptions, type ErrorDetails } from '@telcopay/core';
import { CompactEncrypt, importJWK, type KeyInput } from 'jose';
import type { components } from './generated/schema.js';
import type { Challenge, Jwks } from './generated/types.js';
import { type ConfirmRetry, invalidInput } from './topup-input.js';

type Schemas = components['schemas'];
type Jwk = Schemas['Jwk'];

const CHALLENGE_REQUIRED = 'srn:error:challenge_required';
/** The only credential a solution carries (`{"challenge_id", "pin"}`). */
const SUPPORTED_TYPES = new Set(['pin']);

/**
 * The confirmation was answered `403 srn:error:challenge_required`: nothing was charged yet.
 * Solve it with `client.solveChallenge({ ...error.confirmInput, challenge: error.challenge, pin })`,
 * which sends the same top-up again with the same idempotency key.
 */
export class ChallengeRequiredError extends AuthError {
  readonly challenge: Challenge;
  /** The challenged confirmation, idempotency key included, to send again with the solution. */
  readonly confirmInput: ConfirmRetry;

  constructor(
    message: string,
    details: ErrorDetails & { status: number; challenge: Challenge; confirmInput: ConfirmRetry },
  ) {
    const { challenge, confirmInput, ...rest } = details;
    super(message, { ...rest, idempotencyKey: confirmInput.idempotencyKey, retryable: false });
    this.challenge = challenge;
    this.confirmInput = confirmInput;
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), challenge: this.challenge };
  }
}

function isChallengeRequiredBody(body: unknown): body is Schemas['ChallengeRequiredError'] {
  const { type, challenge } = (body ?? {}) as Partial<Schemas['ChallengeRequiredError']>;
  return (
    type === CHALLENGE_REQUIRED &&
    typeof challenge?.id === 'string' &&
    Array.isArray(challenge.required_types)
  );
}

/** The `ChallengeRequiredError` a challenge-required 403 is; any other error as it is. */
export function asChallengeRequired(error: unknown, confirmInput: ConfirmRetry): unknown {
  if (!(error instanceof AuthError) || error.status !== 403) return error;
  if (!isChallengeRequiredBody(error.body)) return error;
  const { challenge } = error.body;
  return new ChallengeRequiredError(
    `${error.provider} ${error.operation} needs a challenge solved (${challenge.required_types.join(', ')}): call solveChallenge with the same idempotency key.`,
    {
      provider: error.provider,
      operation: error.operation,
      status: error.status,
      requestId: error.requestId,
      body: error.body,
      challenge,
      confirmInput,
    },
  );
}

/** Checks a challenge and its PIN before anything is sent; the PIN is never echoed. */
export function checkSolution(challenge: Challenge | undefined, pin: string, operation: string) {
  if (typeof challenge?.id !== 'string' || challenge.id === '') {
    invalidInput(
      operation,
      'challenge',
      'challenge must be the challenge of the ChallengeRequiredError.',
    );
  }
  const unsupported = (challenge.required_types ?? []).filter((type) => !SUPPORTED_TYPES.has(type));
  if (unsupported.length > 0) {
    invalidInput(
      operation,
      'challenge.required_types',
      `Only PIN challenges can be solved here (this one also asks for: ${unsupported.join(', ')}).`,
      { required_types: challenge.required_types },
    );
  }
  if (typeof pin !== 'string' || pin === '') {
    invalidInput(operation, 'pin', "pin must be the account holder's PIN.");
  }
}

/** Stone's key for challenge solutions: the first RSA key of the set whose `use` is `enc`. */
function encryptionJwk(jwks: Jwks): Jwk | undefined {
  return jwks.keys.find(
    (key) =>
      key.use === 'enc' &&
      key.kty === 'RSA' &&
      typeof key.n === 'string' &&
      typeof key.e === 'string',
  );
}

const NO_ENCRYPTION_KEY = 'the key set has no RSA key whose use is "enc"';

/** For the discovery call: the failure text when the set has no usable encryption key. */
export function missingEncryptionKey(jwks: Jwks): string | undefined {
  return encryptionJwk(jwks) ? undefined : NO_ENCRYPTION_KEY;
}

export interface EncryptionKey {
  kid: string;
  key: KeyInput;
}

async function importEncryptionKey(jwks: Jwks): Promise<EncryptionKey> {
  const jwk = encryptionJwk(jwks);
  if (!jwk) throw new Error(NO_ENCRYPTION_KEY);
  return { kid: jwk.kid, key: await importJWK(jwk, 'RSA-OAEP-256') };
}

/**
 * Loads Stone's encryption key once (`fetchKeys` checks the set with `missingEncryptionKey`) and
 * keeps it for the client's life; a failed load is tried again on the next solution.
 */
export function encryptionKeyCache(
  fetchKeys: (call?: CallOptions) => Promise<Jwks>,
): (call?: CallOptions) => Promise<EncryptionKey> {
  let cached: Promise<EncryptionKey> | undefined;
  return (call) => {
    if (!cached) {
      const loading = fetchKeys(call).then(importEncryptionKey);
      loading.catch(() => {
        if (cached === loading) cached = undefined;
      });
      cached = loading;
    }
    return cached;
  };
}

/**
 * The `x-stone-challenge-solution` value: a compact JWE (RSA-OAEP-256, A256GCM, the key's `kid`
 * in the protected header) of `{"challenge_id", "pin"}`.
 */
export function encryptSolution(
  encryption: EncryptionKey,
  challengeId: string,
  pin: string,
): Promise<string> {
  const plaintext = new TextEncoder().encode(JSON.stringify({ challenge_id: challengeId, pin }));
  return new CompactEncrypt(plaintext)
    .setProtectedHeader({ alg: 'RSA-OAEP-256', enc: 'A256GCM', kid: encryption.kid })
    .encrypt(encryption.key);
}
