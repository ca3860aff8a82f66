import {
  type CallOptions,
  type ClientOptions,
  createTokenCache,
  manifestRuntime,
  operationMethods,
  type TokenCache,
} from '@telcopay/core';
import { basicCredentials, clientBasicAuth, parseAccessToken } from './auth.js';
import type { TigoB2bBillingEnvironment } from './environments.js';
import { MANIFEST } from './generated/manifest.js';
import { OPERATIONS } from './generated/operations.js';
import type { paths } from './generated/schema.js';
import type { AccessTokenResponse } from './generated/types.js';

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
  const runtime = manifestRuntime<paths, TigoB2bBillingEnvironment>(
    MANIFEST,
    { ...options, baseUrl: options.gatewayRoot },
    clientBasicAuth(credentials, clientSecret),
    environments,
  );
  // A new token replaces nothing: asking again is harmless.
  const { requestAccessToken } = operationMethods(runtime, OPERATIONS, {
    requestAccessToken: {
      request: { params: { query: { grant_type: 'client_credentials' as const } } },
      tokenRequest: true,
      result: (answer, { status }) => ({
        answer,
        issued: parseAccessToken(answer, status, runtime.secrets),
      }),
    },
  });

  return {
    request: async (call) => (await requestAccessToken(call)).answer,
    cache: createTokenCache({ fetchToken: async () => (await requestAccessToken()).issued }),
    secrets: [clientSecret, credentials],
  };
}
