import { type RunOperation, TelcopayError } from '@telcopay/core';

/**
 * core's runner reports anything thrown while sending as a `ConnectionError`. Here a send can
 * throw a telcopay error of its own before any request leaves: the bearer middleware fetches the
 * token while sending (an `AuthError` from the token endpoint) and the token request signs its
 * assertion while sending (a `ValidationError` for an unusable key). This wrapper rethrows such
 * an error as it is. (A candidate for core: rethrow a `TelcopayError` unchanged in `attempt`.)
 */
export function keepTypedSendErrors(run: RunOperation): RunOperation {
  return async (plan, call) => {
    let typed: TelcopayError | undefined;
    try {
      return await run(
        {
          ...plan,
          send: (init) =>
            plan.send(init).catch((error: unknown) => {
              if (error instanceof TelcopayError) typed = error;
              throw error;
            }),
        },
        call,
      );
    } catch (error) {
      throw typed ?? error;
    }
  };
}
