import { type Money, TelcopayError, ValidationError } from '@telcopay/core';

export interface AnswerContext {
  provider: string;
  operation: string;
  /** The answer's field that holds the amount. */
  field: string;
  /** The whole answer, kept on the error. */
  body: unknown;
}

/**
 * Money read from a provider's answer. An amount its currency cannot hold exactly is the
 * provider's fault, not the caller's input: it becomes a `TelcopayError` carrying the answer,
 * never a rounded amount.
 */
export function answeredMoney(context: AnswerContext, read: () => Money): Money {
  try {
    return read();
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    throw new TelcopayError(
      `${context.provider} answered a ${context.field} that is not an exact amount: ${error.message}`,
      { provider: context.provider, operation: context.operation, body: context.body },
    );
  }
}
