import { OPERATIONS } from './generated/operations.js';

/** The header that carries a call's correlation id, for tracing on both sides. */
export const CORRELATION_HEADER = OPERATIONS.createMovement.correlation.name;

/** What every method resolves to: the typed success body and the correlation id it was sent with. */
export interface Correlated<Data> {
  correlationId: string;
  data: Data;
}
