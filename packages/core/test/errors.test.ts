import { describe, expect, it } from 'vitest';
import { ApiError, OutcomeUnknownError, ValidationError } from '../src/index.js';

const WHERE = { provider: 'example', operation: 'getThing' };
const COMMON = [
  'provider',
  'operation',
  'status',
  'requestId',
  'correlationId',
  'idempotencyKey',
  'body',
  'retryable',
];

// The fields are declared, not defined (no field definitions in a bundle): the constructors set
// them, in the order the class fields had.
describe("an error's own properties", () => {
  it('are the details, then its name, then its class’s own fields, every one set', () => {
    const error = new ValidationError('amount must be above zero.', { ...WHERE, field: 'amount' });
    expect(Object.keys(error)).toEqual([...COMMON, 'name', 'field']);
    expect(error).toMatchObject({ name: 'ValidationError', field: 'amount', retryable: false });
    expect(Object.hasOwn(error, 'status')).toBe(true);
  });

  it('keep the cause out of the enumerable keys, and the JSON in its order', () => {
    const cause = { name: 'TypeError', message: 'fetch failed' };
    const error = new ApiError('example getThing failed with HTTP 503.', {
      ...WHERE,
      status: 503,
      retryAfterMs: 1000,
      cause,
    });
    expect(Object.keys(error)).toEqual([...COMMON, 'name', 'statusClass', 'retryAfterMs']);
    expect(error.cause).toBe(cause);
    expect(Object.keys(error.toJSON())).toEqual([
      'name',
      'message',
      'provider',
      'operation',
      'status',
      'retryable',
      'requestId',
      'correlationId',
      'idempotencyKey',
      'body',
      'statusClass',
      'retryAfterMs',
    ]);
    expect(error.toJSON()).toMatchObject({ retryable: true, statusClass: 'server' });
  });

  it('of a lost money answer carry its reconciliation', () => {
    const error = new OutcomeUnknownError('lost', {
      ...WHERE,
      requestIds: { destino: '+5352942387' },
      reconciliation: { advice: 'Ask the provider.' },
    });
    expect(Object.keys(error)).toEqual([...COMMON, 'name', 'requestIds', 'reconciliation']);
    expect(error.toJSON()).toMatchObject({ requestIds: { destino: '+5352942387' } });
  });
});
