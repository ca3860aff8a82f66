// A provider's manifest, read from its spec: what every consumer needs to know about a provider
// besides its operations. `info.x-provider` gives the title, country and currency; the servers
// marked `x-environment` give the environments; the apiKey security schemes name the headers
// and parameters that carry credentials; `info.x-telcopay` adds what the spec cannot say:
//
//   x-telcopay:
//     mockPort: 4011                 # the local mock's default port (unique across the specs)
//     credentials: [apiToken]        # the client options that hold secrets
//     secretNames: [x-some-header]   # optional: more header / query / form names to redact
//     sdkEnvironments:               # optional: the provider's environment for the SDK's
//       sandbox: staging             #   `sandbox` and `production`; each defaults to the
//                                    #   environment of that name, if the spec has one
//
// The manifest adds the name as an identifier (`key`: the SDK's option and client property,
// `tigoB2bBilling`) and the SDK's environment map (`sdkEnvironments`, `mock` included).

const PORT_RANGE = [1024, 65535];
const OPTION_NAME = /^[a-z][A-Za-z0-9]*$/;
const CURRENCY = /^[A-Z]{3}$/;
/** The SDK's environments a spec maps to its own (`mock` is always the local mock). */
const SDK_ENVIRONMENTS = ['sandbox', 'production'];

/** The manifest of API `name` from its parsed spec, or the problems that prevent it. */
export function providerManifest(name, document) {
  const problems = [];
  const provider = document.info?.['x-provider'] ?? {};
  const extension = document.info?.['x-telcopay'] ?? {};
  const { mockPort, credentials = [], secretNames = [], sdkEnvironments = {} } = extension;
  if (typeof provider.name !== 'string') problems.push('info.x-provider.name is missing');
  if (!CURRENCY.test(String(provider.currency))) {
    problems.push('info.x-provider.currency must be an ISO 4217 code, e.g. CUP');
  }
  if (!Number.isInteger(mockPort) || mockPort < PORT_RANGE[0] || mockPort > PORT_RANGE[1]) {
    problems.push(`info.x-telcopay.mockPort must be a port in ${PORT_RANGE.join('–')}`);
  }
  if (!Array.isArray(credentials) || !credentials.every((field) => OPTION_NAME.test(field))) {
    problems.push('info.x-telcopay.credentials must list client option names, e.g. [apiToken]');
  }
  if (!Array.isArray(secretNames) || !secretNames.every((field) => typeof field === 'string')) {
    problems.push('info.x-telcopay.secretNames must list header, query or form names');
  }
  const schemeNames = Object.values(document.components?.securitySchemes ?? {})
    .filter((scheme) => scheme.type === 'apiKey')
    .map((scheme) => scheme.name);
  const environments = Object.fromEntries(
    (document.servers ?? [])
      .filter((server) => typeof server['x-environment'] === 'string')
      .map((server) => [server['x-environment'], server.url]),
  );
  if ('mock' in environments) problems.push('x-environment `mock` is the local mock’s own');
  const sdk = sdkEnvironmentMap(sdkEnvironments, environmentNames(document));
  problems.push(...sdk.problems);
  return {
    problems,
    manifest: {
      name,
      key: providerKey(name),
      title: provider.name,
      country: provider.country,
      currency: provider.currency,
      mockPort,
      environments: { ...environments, mock: `http://127.0.0.1:${mockPort}` },
      sdkEnvironments: sdk.map,
      credentials,
      secretNames: [...new Set([...schemeNames, ...secretNames])],
    },
  };
}

/**
 * The spec's environment names: its servers' `x-environment`, and the values a server variable
 * enumerates (Tigo's gateway prefix `test`, `qa`, `prod`).
 */
function environmentNames(document) {
  return new Set(
    (document.servers ?? []).flatMap((server) => [
      ...(typeof server['x-environment'] === 'string' ? [server['x-environment']] : []),
      ...Object.values(server.variables ?? {}).flatMap((variable) => variable.enum ?? []),
    ]),
  );
}

/**
 * The provider's environment for each of the SDK's: `mock` → `mock`; `sandbox` and `production`
 * → the spec's choice, else the environment of the same name, else none (the SDK then asks for a
 * `baseUrl`).
 */
function sdkEnvironmentMap(chosen, names) {
  const where = 'info.x-telcopay.sdkEnvironments';
  if (typeof chosen !== 'object' || chosen === null || Array.isArray(chosen)) {
    return { problems: [`${where} must map sandbox / production to environments`], map: {} };
  }
  const problems = Object.entries(chosen)
    .filter(([sdk, own]) => !SDK_ENVIRONMENTS.includes(sdk) || !names.has(own))
    .map(([sdk, own]) =>
      SDK_ENVIRONMENTS.includes(sdk)
        ? `${where}.${sdk}: ${JSON.stringify(own)} is none of the spec's environments (${[...names].join(', ') || 'it names none'})`
        : `${where}.${sdk}: the SDK's environments are ${SDK_ENVIRONMENTS.join(', ')}`,
    );
  const map = { mock: 'mock' };
  for (const sdk of SDK_ENVIRONMENTS) {
    const own = chosen[sdk] ?? (names.has(sdk) ? sdk : undefined);
    if (own !== undefined) map[sdk] = own;
  }
  return { problems, map };
}

/** The API's name as an identifier: `tigo-b2b-billing` → `tigoB2bBilling`. */
export function providerKey(name) {
  return name.replace(/-([a-z0-9])/g, (_, letter) => letter.toUpperCase());
}

/** Problems across manifests: two mocks on one port. */
export function registryProblems(manifests) {
  const byPort = new Map();
  for (const { name, mockPort } of manifests) {
    byPort.set(mockPort, [...(byPort.get(mockPort) ?? []), name]);
  }
  return [...byPort]
    .filter(([, names]) => names.length > 1)
    .map(([port, names]) => `mock port ${port} is taken by ${names.join(' and ')}`);
}
