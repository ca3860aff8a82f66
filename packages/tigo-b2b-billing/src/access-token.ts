import {
  type CallOptions,
  type ClientOptions,
  createProviderRuntime,
  createTokenCache,
  type IssuedToken,
  type TokenCache,
} from '@telcopay/core';
import { basicCredentials, clientBasicAuth, parseAccessToken } from './auth.js';
import { PROVIDER, type TigoB2bBillingEnvironment, TOKEN_PATH } from './environments.js';
import type { components, paths } from './generated/schema.js';

export type AccessTokenResponse = components['schemas']['AccessTokenResponse'];

export interface AccessTokens {
  /** One call to the token endpoint, validated; its token is not cached. */
  request(call?: CallOptions): Promise<AccessTokenResponse>;
  /** The cached token: refreshed shortly before it expires, once for every concurrent caller. */
  cache: TokenCache;
  /** The credentials that reach no billing call but must be redacted there too. */
  secrets: readonly string[];
}

/**
 * Apigee's client-credentials flow: `POST {gatewayRoot}/oauth/client_credential/accesstoken
 * ?grant_type=client_credentials` with HTTP Basic credentials, through its own runtime (the
 * billing runtime sends bearer tokens).
 */
export function createAccessTokens(
  options: ClientOptions<TigoB2bBillingEnvironment> & { gatewayRoot: string },
  environments: Readonly<Record<TigoB2bBillingEnvironment, string>>,
  clientId: string,
  clientSecret: string,
): AccessTokens {
  const credentials = basicCredentials(clientId, clientSecret);
  const { raw, run, secrets } = createProviderRuntime<paths, TigoB2bBillingEnvironment>(
    { provider: PROVIDER, environments },
    { ...options, baseUrl: options.gatewayRoot },
    clientBasicAuth(credentials, clientSecret),
  );

  async function fetchToken(
    call?: CallOptions,
  ): Promise<{ answer: AccessTokenResponse; issued: IssuedToken }> {
    let status = 200;
    const answer = await run(
      {
        operation: 'requestAccessToken',
        // A new token replaces nothing: asking again is harmless.
        idempotent: true,
        send: async ({ signal, headers }) => {
          const result = await raw.POST(TOKEN_PATH, {
            params: { query: { grant_type: 'client_credentials' } },
            headers,
            signal,
          });
          status = result.response.status;
          return result;
        },
      },
      call,
    );
    return { answer, issued: parseAccessToken(answer, status, secrets) };
  }

  return {
    request: async (call) => (await fetchToken(call)).answer,
    cache: createTokenCache({ fetchToken: async () => (await fetchToken()).issued }),
    secrets: [clientSecret, credentials],
  };
}
