// QvaTel's monto goes through core's exact decimal conversion: seeded property tests over the
// whole range of amounts, not a loop over a few (FAST_CHECK_SEED explores other ones).
import { ValidationError } from '@telcopay/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { validateMonto } from '../src/index.js';

const SEED = Number(process.env.FAST_CHECK_SEED ?? 20_261_130);
const RUNS = { seed: SEED, numRuns: 5_000 };
/** Positive amounts in cents, up to a trillion CUP. */
const cents = fc.integer({ min: 1, max: 100_000_000_000_000 });

/** The amount with exactly two decimals, from its cents, by digits (no float arithmetic). */
function twoDecimals(minor: number): string {
  const digits = String(minor).padStart(3, '0');
  return `${digits.slice(0, -2)}.${digits.slice(-2)}`;
}

function rejection(monto: unknown): unknown {
  try {
    validateMonto(monto as number);
  } catch (error) {
    return error;
  }
  return undefined;
}

describe('validateMonto', () => {
  it('sends exactly two decimals for any amount given as a number or a decimal string', () => {
    fc.assert(
      fc.property(cents, fc.constantFrom('number', 'text', 'short text'), (minor, form) => {
        const exact = twoDecimals(minor);
        const input =
          form === 'number' ? Number(exact) : form === 'text' ? exact : exact.replace(/\.?0+$/, '');
        expect(validateMonto(input)).toBe(exact);
      }),
      RUNS,
    );
  });

  it('refuses any amount with a third decimal, as a number or as text, instead of rounding it', () => {
    fc.assert(
      fc.property(cents, fc.integer({ min: 1, max: 9 }), (minor, thousandth) => {
        const text = `${twoDecimals(minor)}${thousandth}`;
        for (const monto of [text, Number(text)]) {
          // A number past 15 significant digits is not the decimal it was written as: skip it.
          if (typeof monto === 'number' && String(monto) !== text.replace(/0+$/, '')) continue;
          expect(rejection(monto)).toMatchObject({ name: 'ValidationError', field: 'monto' });
        }
      }),
      RUNS,
    );
  });

  it('refuses the float sums that used to pass, such as 0.1 + 0.2', () => {
    const error = rejection(0.1 + 0.2);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as Error).message).toBe(
      "monto must be a positive amount of CUP with at most two decimals, as 20, 20.5 or '20.00' (got 0.30000000000000004).",
    );
  });

  it.each([
    0,
    -5,
    '-5.00',
    '0.00',
    Number.NaN,
    Number.POSITIVE_INFINITY,
    '1e3',
    '20,00',
    ' ',
    '',
    undefined,
    null,
    20n,
    {},
  ])('refuses %s', (monto) => {
    expect(rejection(monto)).toMatchObject({ name: 'ValidationError', field: 'monto' });
  });
});
