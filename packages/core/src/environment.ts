import { ValidationError } from './errors.js';

/** The APIs telcopay covers, by package and spec name. */
export type ApiName =
  | 'chinchin-cps'
  | 'qvatel'
  | 'tigo-b2b-billing'
  | 'masstack-partners'
  | 'stone-topups';

/** Default ports of the local mock servers (`@telcopay/mocks`); tests pick free ports instead. */
export const MOCK_PORTS: Readonly<Record<ApiName, number>> = {
  'chinchin-cps': 4010,
  qvatel: 4011,
  'tigo-b2b-billing': 4012,
  'masstack-partners': 4013,
  'stone-topups': 4014,
};

export function mockBaseUrl(api: ApiName): string {
  return `http://127.0.0.1:${MOCK_PORTS[api]}`;
}

/** Where a client sends its calls: an explicit `baseUrl` wins over a named environment. */
export interface EndpointOptions<Environment extends string> {
  baseUrl?: string | undefined;
  environment?: Environment | undefined;
}

export function resolveBaseUrl<Environment extends string>(
  provider: string,
  options: EndpointOptions<Environment>,
  environments: Readonly<Record<Environment, string>>,
): string {
  if (options.baseUrl) return options.baseUrl;
  const url = options.environment ? environments[options.environment] : undefined;
  if (url) return url;
  const known = Object.keys(environments).join(', ');
  throw new ValidationError(
    `Pass baseUrl, or environment as one of: ${known} (got ${String(options.environment)}).`,
    { provider, operation: 'createClient', field: 'environment' },
  );
}
