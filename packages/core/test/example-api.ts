import type { OperationContract, Safety } from '../src/index.js';

type NoParameters = { query?: never; header?: never; path?: never; cookie?: never };

/** An API of one GET at each `Path` answering `Body`, typed the way openapi-typescript writes it. */
export type OneGetApi<Path extends string, Body = unknown> = {
  [P in Path]: {
    parameters: NoParameters;
    get: {
      parameters: NoParameters;
      requestBody?: never;
      responses: {
        200: { headers: { [name: string]: unknown }; content: { 'application/json': Body } };
      };
    };
  };
};

/** The operation table of one GET: `operationId` is also its method name. */
export function oneGetTable<
  const Id extends string,
  const Path extends string,
  const S extends Safety,
>(
  operationId: Id,
  path: Path,
  safety: S,
  contract: Partial<Pick<OperationContract, 'key' | 'correlation' | 'reconcile'>> = {},
) {
  return {
    [operationId]: { method: operationId, path, httpMethod: 'get', safety, ...contract },
  } as { [K in Id]: { method: Id; path: Path; httpMethod: 'get'; safety: S } };
}
