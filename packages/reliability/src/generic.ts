// The calls of a provider the suite has no hand-written calls for (one `pnpm new-provider` just
// made): its client from its package, random credentials by its manifest, and one call per
// operation with the input the spec's examples give, as the scaffold's contract suite calls it.
import { randomBytes } from 'node:crypto';
import { type ApiName, loadDocument, PROVIDERS } from '@telcopay/mocks';
import type { ClientCase } from './clients.js';

type GenericClient = Record<string, (input: unknown) => Promise<unknown>>;
type Factory = (options: Record<string, unknown>) => GenericClient;

/** The scaffold's reading of a spec: each operation's method and example input. */
const SPEC_FACTS = new URL('../../../scripts/scaffold/spec-facts.mjs', import.meta.url).href;

export async function genericCase(api: ApiName): Promise<ClientCase<GenericClient>> {
  const facts = (await import(SPEC_FACTS)) as {
    specOperations(document: unknown): { operationId: string; method: string; input: unknown }[];
  };
  const module = (await import(`../../${api}/src/index.ts`)) as Record<string, unknown>;
  const factory = Object.entries(module).find(([name]) => /^create\w+Client$/.test(name))?.[1];
  if (typeof factory !== 'function') throw new Error(`@telcopay/${api} exports no create…Client.`);
  const credentialNames: readonly string[] = PROVIDERS[api].credentials;
  return {
    api,
    create: (_environment, common) =>
      (factory as Factory)({
        ...Object.fromEntries(
          credentialNames.map((name) => [name, randomBytes(18).toString('base64url')]),
        ),
        ...common,
      }),
    operations: Object.fromEntries(
      facts.specOperations(loadDocument(api)).map(({ operationId, method, input }) => [
        operationId,
        {
          authentication: 'credential' as const,
          call: (client: GenericClient) =>
            client[method]?.(input) ?? Promise.reject(new Error(`no method ${method}`)),
        },
      ]),
    ),
  };
}
