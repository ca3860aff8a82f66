import { randomUUID } from 'node:crypto';
import { compactDecrypt, jwtVerify } from 'jose';
import type { StoneKeys } from '../secrets.js';
import type { FrontRequest, Policy, Verdict } from './front.js';

const TOKEN_PATH = '/auth/realms/stone_bank/protocol/openid-connect/token';
const KEYS_PATH = '/api/v1/discovery/keys';
const CONFIRM_PATH = '/api/v1/topups/tv';
const ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

const answer = (status: number, body: unknown, note: string): Verdict => ({
  answer: { status, body },
  note,
});

/**
 * Stone's accounts host and gateway, done independently of the client. The token endpoint
 * verifies the RS256 client assertion (issuer, subject, audience, lifetime, unused jti) with the
 * application's public key before it issues a token; the API refuses any other bearer; the key
 * set is Stone's; a confirmation is first answered 403 with a PIN challenge, and passes to the
 * mock only with a JWE that the `enc` private key decrypts to that challenge and the PIN.
 */
export function stoneGateway(keys: StoneKeys): Policy {
  const issuedTokens = new Set<string>();
  const usedJtis = new Set<string>();
  /** Idempotency key → the challenge issued for that confirmation. */
  const challenges = new Map<string, string>();

  async function issueToken(request: FrontRequest): Promise<Verdict> {
    const form = new URLSearchParams(request.body);
    if (
      form.get('grant_type') !== 'client_credentials' ||
      form.get('client_assertion_type') !== ASSERTION_TYPE ||
      form.get('client_id') !== keys.clientId
    ) {
      return answer(400, { error: 'invalid_request' }, 'not a client-assertion grant');
    }
    const verified = await jwtVerify(form.get('client_assertion') ?? '', keys.assertionKey, {
      algorithms: ['RS256'],
      issuer: keys.clientId,
      subject: keys.clientId,
      audience: `${request.frontUrl}/auth/realms/stone_bank`,
      requiredClaims: ['jti', 'iat', 'nbf', 'exp'],
      maxTokenAge: '5m',
    }).catch(() => undefined);
    const jti = verified?.payload.jti;
    if (!jti || usedJtis.has(jti)) {
      return answer(401, { error: 'invalid_client' }, 'assertion refused');
    }
    usedJtis.add(jti);
    const token = `stone-access-${randomUUID()}`;
    issuedTokens.add(token);
    return answer(
      200,
      { access_token: token, expires_in: 900, token_type: 'Bearer' },
      'assertion verified',
    );
  }

  async function confirm(request: FrontRequest): Promise<Verdict> {
    const idempotencyKey = String(request.headers['x-stone-idempotency-key'] ?? '');
    const solution = request.headers['x-stone-challenge-solution'];
    const challengeId = challenges.get(idempotencyKey);
    if (typeof solution !== 'string' || challengeId === undefined) {
      const challenge = { id: randomUUID(), required_types: ['pin'] };
      challenges.set(idempotencyKey, challenge.id);
      return answer(403, { type: 'srn:error:challenge_required', challenge }, 'challenge issued');
    }
    const solved = await compactDecrypt(solution, keys.decryptionKey, {
      keyManagementAlgorithms: ['RSA-OAEP-256'],
      contentEncryptionAlgorithms: ['A256GCM'],
    })
      .then(({ plaintext, protectedHeader }) => {
        const { challenge_id, pin } = JSON.parse(new TextDecoder().decode(plaintext));
        return (
          protectedHeader.kid === keys.encryptionKid &&
          challenge_id === challengeId &&
          pin === keys.pin
        );
      })
      .catch(() => false);
    if (!solved) return answer(403, { type: 'srn:error:forbidden' }, 'solution refused');
    challenges.delete(idempotencyKey);
    return { forward: true, note: 'solution decrypted: challenge and PIN match' };
  }

  return async (request) => {
    const { pathname } = new URL(request.url, request.frontUrl);
    if (request.method === 'POST' && pathname === TOKEN_PATH) return issueToken(request);
    if (request.method === 'GET' && pathname === KEYS_PATH) {
      return answer(200, keys.keySet, "Stone's key set");
    }
    const bearer = request.headers.authorization?.replace(/^Bearer /, '') ?? '';
    if (!issuedTokens.has(bearer)) {
      return answer(401, { type: 'srn:error:unauthenticated' }, 'bearer token not issued here');
    }
    if (request.method === 'POST' && pathname === CONFIRM_PATH) return confirm(request);
    return { forward: true };
  };
}
