// The providers the bench measures and what it reads of each: the list from the provider
// registry (`@telcopay/mocks`, generated from the specs), each one's bundled spec, each package's
// generated operation table (`src/generated/operations.ts`, built to dist) and its client factory.
import { APIS, specPath } from '@telcopay/mocks';

/** Every provider, in the registry's order. */
export const PROVIDERS = APIS;

/** The path of the provider's OpenAPI spec, as its mock serves it (one bundled file). */
export const specFile = (api) => specPath(api);

/** The package's client factory name: `tigo-b2b-billing` → `createTigoB2bBillingClient`. */
export function factoryName(api) {
  const words = api.split('-').map((word) => word[0].toUpperCase() + word.slice(1));
  return `create${words.join('')}Client`;
}

/** The package's generated operation table, from the built file beside its entry point. */
export async function operationTable(api) {
  const entry = import.meta.resolve(`@telcopay/${api}`);
  const { OPERATIONS } = await import(new URL('./generated/operations.js', entry).href);
  return OPERATIONS;
}

/** The operationId and contract of the table's first money-moving operation (not `read`). */
export function firstMoneyOperation(api, table) {
  const found = Object.entries(table).find(([, contract]) => contract.safety !== 'read');
  if (!found) throw new Error(`${api}: its operation table has no money-moving operation`);
  const [operationId, contract] = found;
  return { operationId, contract };
}
