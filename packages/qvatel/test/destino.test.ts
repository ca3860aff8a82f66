import { ValidationError } from '@telcopay/core';
import { describe, expect, it } from 'vitest';
import { normaliseDestino } from '../src/index.js';

describe('normaliseDestino', () => {
  it.each([
    ['52942387', '+5352942387'],
    ['5352942387', '+5352942387'],
    ['+5352942387', '+5352942387'],
    ['  +5352942387 ', '+5352942387'],
    ['53000000', '+5353000000'],
  ])('accepts %j as %j', (input, expected) => {
    expect(normaliseDestino(input)).toBe(expected);
  });

  it.each([
    '',
    '5294238',
    '529423871',
    '+525352942387',
    '005352942387',
    '+53 52942387',
    '5352-942387',
    'abcdefgh',
  ])('rejects %j with a ValidationError on destino', (input) => {
    const error = captureError(() => normaliseDestino(input));
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({ field: 'destino', provider: 'qvatel', retryable: false });
    expect((error as Error).message).toContain('52942387, 5352942387 or +5352942387');
  });

  it('rejects a value that is not a string', () => {
    expect(() => normaliseDestino(52942387 as unknown as string)).toThrow(ValidationError);
  });
});

function captureError(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}
