import { type AuthStrategy, ValidationError } from '@telcopay/core';
import { type CryptoKey, importPKCS8, type KeyObject, SignJWT } from 'jose';
import { PROVIDER } from './environments.js';

/** The Keycloak realm of Stone's accounts host. */
export const REALM = 'stone_bank';

/** The application's RSA private key: a PKCS#8 PEM, or a key already imported. */
export type PrivateKeyInput = string | CryptoKey | KeyObject;

/**
 * How long a client assertion is valid. Stone's Go SDK signs for 2 hours; ours lives 5 minutes:
 * it is used once, right away, so a short life only limits what a leaked assertion (a proxy's
 * or a log's copy) is good for, and bounds how long Keycloak must remember its `jti`.
 */
const ASSERTION_LIFETIME_SECONDS = 5 * 60;

const PKCS8_HEADER = '-----BEGIN PRIVATE KEY-----';

/** `<accounts host>/auth/realms/stone_bank`, the assertion's audience. */
export function realmUrl(accountsUrl: string): string {
  return `${accountsUrl.replace(/\/+$/, '')}/auth/realms/${REALM}`;
}

/** Rejects a key that cannot be a PKCS#8 PEM before any request is sent; never echoes it. */
export function checkPrivateKey(privateKey: PrivateKeyInput | undefined): void {
  const usable =
    typeof privateKey === 'string'
      ? privateKey.includes(PKCS8_HEADER)
      : typeof privateKey === 'object' && privateKey !== null;
  if (!usable) {
    throw new ValidationError(
      `privateKey must be the application's RSA key as a PKCS#8 PEM (${PKCS8_HEADER}) or a CryptoKey; convert a PKCS#1 key with \`openssl pkcs8 -topk8 -nocrypt\`.`,
      { provider: PROVIDER, operation: 'createClient', field: 'privateKey' },
    );
  }
}

export interface AssertionOptions {
  clientId: string;
  privateKey: PrivateKeyInput;
  /** The accounts host the assertion is meant for. */
  accountsUrl: string;
}

/**
 * Returns a function that signs a fresh client assertion (RS256 JWT, RFC 7523) on every call,
 * with the claims of Stone's Go SDK (`stone-payments/merchant-go-stone-openbank`,
 * `authentication.go`, `authClaims`): `aud` = the realm URL, `client_id` = `iss` = `sub` = the
 * client id, `iat` = `nbf` = now, `exp`, `realm` and a random `jti` (Keycloak refuses a reused
 * one, so an assertion is never sent twice). The claims are written in the order Go's
 * `encoding/json` writes the SDK's claim map (sorted), so the signed bytes have its shape too.
 */
export function assertionSigner(options: AssertionOptions): () => Promise<string> {
  const audience = realmUrl(options.accountsUrl);
  let key: Promise<CryptoKey | KeyObject> | undefined;
  return async () => {
    try {
      key ??= loadKey(options.privateKey);
      const issuedAt = Math.floor(Date.now() / 1000);
      return await new SignJWT({
        aud: audience,
        client_id: options.clientId,
        exp: issuedAt + ASSERTION_LIFETIME_SECONDS,
        iat: issuedAt,
        iss: options.clientId,
        jti: crypto.randomUUID(),
        nbf: issuedAt,
        realm: REALM,
        sub: options.clientId,
      })
        .setProtectedHeader({ alg: 'RS256', typ: 'JWT' })
        .sign(await key);
    } catch {
      // jose's reason is dropped on purpose: the fix is the same, and no key text can leak.
      throw new ValidationError(
        'privateKey cannot sign an RS256 client assertion: pass an RSA private key (PKCS#8 PEM or a CryptoKey for RSASSA-PKCS1-v1_5).',
        { provider: PROVIDER, operation: 'requestAccessToken', field: 'privateKey' },
      );
    }
  };
}

function loadKey(privateKey: PrivateKeyInput): Promise<CryptoKey | KeyObject> {
  return typeof privateKey === 'string'
    ? importPKCS8(privateKey, 'RS256')
    : Promise.resolve(privateKey);
}

/**
 * The token request's auth: a client assertion in its form, signed anew for every attempt
 * (Keycloak refuses an assertion whose jti it has seen), before the attempt's timer starts.
 */
export function assertionAuth(signAssertion: () => Promise<string>): AuthStrategy {
  return {
    secrets: [],
    async authorize() {
      const assertion = await signAssertion();
      return { form: { client_assertion: assertion }, secrets: [assertion] };
    },
  };
}
