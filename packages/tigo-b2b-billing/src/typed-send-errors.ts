import { type RunOperation, TelcopayError } from '@telcopay/core';

/**
 * Core's runner reports anything thrown inside `send` as a ConnectionError (retryable for a
 * read). Bearer auth gets the access token inside `send`, so the token endpoint's own errors — a
 * refused client credential, an unusable token answer — would look like a lost connection. This
 * wrapper rethrows such a telcopay error unchanged. It belongs in core (`attempt` rethrowing a
 * TelcopayError as is); packages/stone-topups carries the same wrapper until then.
 */
export function keepTypedSendErrors(run: RunOperation): RunOperation {
  return async (plan, call) => {
    let thrownWhileSending: TelcopayError | undefined;
    const send: typeof plan.send = (init) =>
      plan.send(init).catch((error: unknown) => {
        if (error instanceof TelcopayError) thrownWhileSending = error;
        throw error;
      });
    try {
      return await run({ ...plan, send }, call);
    } catch (error) {
      throw thrownWhileSending ?? error;
    }
  };
}
