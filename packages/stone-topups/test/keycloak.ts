import { type CryptoKey, type JWTPayload, jwtVerify } from 'jose';

/**
 * The claims of the client assertion Stone's Go SDK signs (`stone-payments/merchant-go-stone-openbank`,
 * `authentication.go`, `authClaims`), in the order its `encoding/json` writes them.
 */
export const STONE_SDK_CLAIMS = [
  'aud',
  'client_id',
  'exp',
  'iat',
  'iss',
  'jti',
  'nbf',
  'realm',
  'sub',
] as const;

/** The form fields of the SDK's token request (`Authenticate`), in the order it sends them (sorted). */
export const STONE_SDK_FORM_FIELDS = [
  'client_assertion',
  'client_assertion_type',
  'client_id',
  'grant_type',
] as const;

export const ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

export interface Realm {
  /** The key the application's assertions are verified with. */
  publicKey: CryptoKey;
  clientId: string;
  /** `<accounts host>/auth/realms/stone_bank`. */
  audience: string;
}

/**
 * Checks a token request's form the way a strict Keycloak realm would: the SDK's form fields,
 * an RS256 assertion signed by the application's key that carries every claim of the SDK with
 * the values it gives them. Returns the verified claims, or why the request is refused.
 */
export async function checkTokenRequest(
  body: string,
  realm: Realm,
): Promise<{ claims: JWTPayload } | { refused: string }> {
  const form = new URLSearchParams(body);
  const fields = [...form.keys()].sort().join();
  if (fields !== STONE_SDK_FORM_FIELDS.join()) return { refused: `form fields ${fields}` };
  if (form.get('grant_type') !== 'client_credentials') return { refused: 'grant_type' };
  if (form.get('client_assertion_type') !== ASSERTION_TYPE) {
    return { refused: 'client_assertion_type' };
  }
  if (form.get('client_id') !== realm.clientId) return { refused: 'client_id' };
  let claims: JWTPayload;
  try {
    ({ payload: claims } = await jwtVerify(form.get('client_assertion') ?? '', realm.publicKey, {
      algorithms: ['RS256'],
      typ: 'JWT',
      issuer: realm.clientId,
      subject: realm.clientId,
      audience: realm.audience,
      requiredClaims: [...STONE_SDK_CLAIMS],
    }));
  } catch (error) {
    return { refused: `assertion: ${(error as Error).message}` };
  }
  if (claims.client_id !== realm.clientId) return { refused: 'claim client_id' };
  if (claims.realm !== 'stone_bank') return { refused: 'claim realm' };
  return { claims };
}
