import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CURRENCY_EXPONENTS,
  type Currency,
  formatMinor,
  fromMinor,
  isCurrency,
  money,
  toMinor,
  ValidationError,
} from '../src/index.js';

const CURRENCIES = Object.keys(CURRENCY_EXPONENTS) as Currency[];
const SEED = Number(process.env.FAST_CHECK_SEED ?? 20_261_130);

function rejection(run: () => unknown): ValidationError {
  try {
    run();
  } catch (error) {
    if (error instanceof ValidationError) return error;
    throw error;
  }
  throw new Error('expected a ValidationError');
}

describe('the currencies of the five APIs', () => {
  it('are the specs’ currencies, each with two decimals', () => {
    expect(CURRENCY_EXPONENTS).toEqual({ VES: 2, CUP: 2, COP: 2, EUR: 2, BRL: 2 });
    expect(CURRENCIES.every(isCurrency)).toBe(true);
    expect(['USD', 'toString', '', 2].some(isCurrency)).toBe(false);
  });
});

describe('toMinor', () => {
  it.each([
    // Each of these is off by one when multiplied as a float and truncated or rounded badly.
    [19.99, 1999],
    [4.35, 435],
    [1.15, 115],
    [0.07, 7],
    [20, 2000],
    [1e3, 100_000],
    ['20', 2000],
    ['20.1', 2010],
    ['20.10', 2010],
    ['20.100', 2010],
    [' 15.00 ', 1500],
    ['-3.5', -350],
    [-0, 0],
    ['90071992547409.91', Number.MAX_SAFE_INTEGER],
  ])('%j is %i minor units, exactly', (amount, minor) => {
    for (const currency of CURRENCIES) expect(toMinor(amount, currency)).toBe(minor);
  });

  it.each([
    [0.1 + 0.2, 'at most 2 decimals'],
    [1.005, 'at most 2 decimals'],
    ['1.001', 'at most 2 decimals'],
    [1e-7, 'without an exponent'],
    [1e21, 'without an exponent'],
    ['1e3', 'without an exponent'],
    ['1,50', 'without an exponent'],
    ['.5', 'without an exponent'],
    ['', 'without an exponent'],
    ['+5', 'without an exponent'],
    [Number.NaN, 'without an exponent'],
    [Number.POSITIVE_INFINITY, 'without an exponent'],
    ['90071992547409.92', 'too large'],
  ])('rejects %j instead of rounding it', (amount, reason) => {
    const error = rejection(() => toMinor(amount, 'CUP'));
    expect(error.message).toContain(reason);
    expect(error.field).toBe('amount');
  });

  it('names the caller in the error, and rejects an unknown currency', () => {
    const error = rejection(() =>
      toMinor(0.1 + 0.2, 'VES', { provider: 'chinchin-cps', operation: 'pay', field: 'monto' }),
    );
    expect(error).toMatchObject({ provider: 'chinchin-cps', operation: 'pay', field: 'monto' });
    expect(error.body).toEqual({ monto: 0.30000000000000004 });
    expect(rejection(() => toMinor(1, 'USD' as Currency)).field).toBe('currency');
  });
});

describe('fromMinor and formatMinor', () => {
  it.each([
    [2015, '20.15', 20.15],
    [5, '0.05', 0.05],
    [-5, '-0.05', -0.05],
    [0, '0.00', 0],
    [1999, '19.99', 19.99],
    [999_999_999_999_999, '9999999999999.99', 9999999999999.99],
  ])('%i minor units are %s', (minor, text, major) => {
    expect(formatMinor(minor, 'EUR')).toBe(text);
    expect(fromMinor(minor, 'EUR')).toBe(major);
  });

  // A seeded property test, not an exhaustive loop: its cost (and so its pass or fail on a busy
  // machine) does not grow with the range. `FAST_CHECK_SEED` explores other amounts.
  it('round-trips amounts up to 3 000.00 and the largest ones a number keeps exactly', () => {
    const roundTrips = (minor: number) =>
      toMinor(fromMinor(minor, 'BRL'), 'BRL') === minor &&
      toMinor(formatMinor(minor, 'BRL'), 'BRL') === minor &&
      toMinor(fromMinor(-minor, 'BRL'), 'BRL') === -minor;
    const largest = 10 ** 15 - 1;
    const amounts = fc.oneof(
      fc.integer({ min: 0, max: 300_000 }),
      fc.integer({ min: largest - 100_000, max: largest }),
      fc.constantFrom(0, 1, 9, 10, 99, 100, 299_999, 300_000, largest - 1, largest),
    );
    fc.assert(fc.property(amounts, roundTrips), { seed: SEED, numRuns: 20_000 });
  });

  it('formats any safe amount exactly, but refuses a number that could not hold it', () => {
    expect(formatMinor(Number.MAX_SAFE_INTEGER, 'COP')).toBe('90071992547409.91');
    expect(rejection(() => fromMinor(10 ** 15, 'COP')).message).toContain('too large');
    expect(rejection(() => fromMinor(-(10 ** 15), 'COP')).message).toContain('too large');
  });

  it('rejects a fractional or unsafe minor amount', () => {
    expect(rejection(() => formatMinor(20.5, 'COP')).field).toBe('amount');
    expect(rejection(() => fromMinor(2 ** 53, 'COP')).field).toBe('amount');
  });
});

describe('money', () => {
  it('builds a checked Money from a safe integer or a bigint', () => {
    expect(money(2000, 'CUP')).toEqual({ amountMinor: 2000, currency: 'CUP' });
    expect(money(10_900n, 'BRL')).toEqual({ amountMinor: 10_900, currency: 'BRL' });
    expect(money(-150, 'VES')).toEqual({ amountMinor: -150, currency: 'VES' });
  });

  it.each([20.5, 2n ** 60n, Number.NaN])('rejects %s as a minor amount', (amountMinor) => {
    const error = rejection(() => money(amountMinor, 'EUR', { field: 'price' }));
    expect(error.field).toBe('price');
    expect(error.message).toContain('safe integer');
  });

  it('rejects an unknown currency', () => {
    expect(rejection(() => money(1, 'usd' as Currency)).field).toBe('currency');
  });
});
