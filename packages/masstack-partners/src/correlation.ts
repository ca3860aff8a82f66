import { OPERATIONS } from './generated/operations.js';
import { invalidInput } from './validation.js';

/** The header that carries a call's correlation id, for tracing on both sides. */
export const CORRELATION_HEADER = OPERATIONS.createMovement.correlation.name;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** What every method resolves to: the typed success body and the correlation id it was sent with. */
export interface Correlated<Data> {
  correlationId: string;
  data: Data;
}

/** The caller's correlation id, which the spec types as a uuid; without one, core makes one. */
export function checkedCorrelationId(
  given: string | undefined,
  operation: string,
): string | undefined {
  if (given !== undefined && (typeof given !== 'string' || !UUID.test(given))) {
    throw invalidInput(
      operation,
      'correlationId',
      `must be a uuid (got ${JSON.stringify(given)}).`,
    );
  }
  return given;
}
