// Every provider's generated operation table, found through the registry: a provider scaffolded
// with `pnpm new-provider` is in the fault matrix without being listed here.
import type { OperationContract, OperationTable } from '@telcopay/core';
import { APIS, type ApiName } from '@telcopay/mocks';
import type { ReceivedRequest } from './lane.js';

/** How an operation may be sent again, as the suite's table names the spec's safety classes. */
export type Safety = 'retry-safe' | 'keyed-money' | 'unkeyed-money';

const SAFETY: Readonly<Record<OperationContract['safety'], Safety>> = {
  read: 'retry-safe',
  keyed: 'keyed-money',
  'unkeyed-money': 'unkeyed-money',
};

/** `packages/<api>/src/generated/operations.ts` of every provider of the registry. */
export const OPERATION_TABLES: ReadonlyMap<ApiName, OperationTable> = new Map(
  await Promise.all(
    APIS.map(
      async (api) =>
        [
          api,
          (
            (await import(`../../${api}/src/generated/operations.ts`)) as {
              OPERATIONS: OperationTable;
            }
          ).OPERATIONS,
        ] as const,
    ),
  ),
);

/** The suite's safety class of an operation, from its table. */
export function safetyOf(contract: OperationContract): Safety {
  return SAFETY[contract.safety];
}

/**
 * The idempotency key a received request of a keyed operation carries (with its correlation
 * id, when the provider takes one), where the table says it goes.
 */
export function keyReader(
  contract: OperationContract,
): ((request: ReceivedRequest) => string) | undefined {
  const { key, correlation } = contract;
  if (!key) return undefined;
  return (request) => {
    const value =
      key.in === 'header'
        ? request.headers[key.name.toLowerCase()]
        : (JSON.parse(request.body) as Record<string, unknown>)[key.name];
    const correlationId = correlation ? request.headers[correlation.name.toLowerCase()] : undefined;
    return [value, correlationId].filter((part) => part !== undefined).join(' ');
  };
}
