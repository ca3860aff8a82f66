// The spec's answers the fault server plays, from @telcopay/mocks, with the fault suite's own
// 2xx failure answers for the operations whose spec describes one in words only.
import { APIS, type ApiName } from '@telcopay/mocks';
import { type OperationAnswers, loadAnswers as specAnswers } from '@telcopay/mocks/faults';

export { type OperationAnswers, routeOf } from '@telcopay/mocks/faults';
export { APIS, type ApiName };

/**
 * 2xx failure answers the specs describe in words but give no example of, built from the
 * success example.
 */
const CONSTRUCTED_FAILURES: Record<string, (success: Record<string, unknown>) => unknown> = {
  // Inferred in the client: any `error` other than 0 means no transaction was created.
  'tigo-b2b-billing checkoutPayment': () => ({
    description: 'Transacción rechazada por la pasarela',
    error: 1,
  }),
  // A token answer without a token.
  'tigo-b2b-billing requestAccessToken': ({ access_token: _, ...rest }) => rest,
  'stone-topups requestAccessToken': ({ access_token: _, ...rest }) => rest,
};

let loaded: ReadonlyMap<ApiName, readonly OperationAnswers[]> | undefined;

/** The answers of every operation of every spec, read once per process. */
export function loadAnswers(): ReadonlyMap<ApiName, readonly OperationAnswers[]> {
  loaded ??= new Map(
    [...specAnswers(APIS)].map(([api, operations]) => [
      api,
      operations.map((answers) => ({
        ...answers,
        failure:
          answers.failure ??
          CONSTRUCTED_FAILURES[`${api} ${answers.operationId}`]?.(
            answers.success.body as Record<string, unknown>,
          ),
      })),
    ]),
  );
  return loaded;
}
