import { ValidationError } from './errors.js';

/**
 * The currencies of the five APIs (each spec's `info.x-provider.currency`) with the number of
 * decimals of their minor unit, as ISO 4217 gives them: 2 for each (COP's centavo included).
 */
export const CURRENCY_EXPONENTS = { VES: 2, CUP: 2, COP: 2, EUR: 2, BRL: 2 } as const;
export type Currency = keyof typeof CURRENCY_EXPONENTS;

/**
 * An amount of money: a whole number of the currency's minor unit (`2000` CUP is 20.00 CUP).
 * Never a float: `amountMinor` is a safe integer, so it survives JSON and arithmetic exactly.
 */
export interface Money {
  readonly amountMinor: number;
  readonly currency: Currency;
}

/** Where a rejected amount came from, for the `ValidationError` (defaults name this module). */
export interface MoneyContext {
  provider?: string | undefined;
  operation?: string | undefined;
  field?: string | undefined;
}

/** A decimal amount: an optional minus, digits, and an optional fraction. No exponent. */
const DECIMAL = /^(-?)(\d+)(?:\.(\d+))?$/;
const MAX_MINOR = BigInt(Number.MAX_SAFE_INTEGER);
/** Minor amounts below this have at most 15 significant digits: exact through a double. */
const EXACT_MAJOR_LIMIT = 10 ** 15;

export function isCurrency(value: unknown): value is Currency {
  return typeof value === 'string' && Object.hasOwn(CURRENCY_EXPONENTS, value);
}

/** A checked `Money`: a known currency and a safe-integer (or bigint in range) minor amount. */
export function money(
  amountMinor: number | bigint,
  currency: Currency,
  context: MoneyContext = {},
): Money {
  checkCurrency(currency, context);
  const minor = typeof amountMinor === 'bigint' ? bigintInRange(amountMinor) : amountMinor;
  if (!Number.isSafeInteger(minor)) {
    reject(context, `amountMinor must be a safe integer of ${currency} minor units`, amountMinor);
  }
  return { amountMinor: minor as number, currency };
}

/**
 * A decimal amount in major units (`20.15`, `'20.15'`, `'-3'`) to minor units (`2015`), exactly:
 * the digits of the number's shortest decimal form are shifted, never multiplied as a float
 * (`19.99 * 100` is `1998.9999999999998`). More decimals than the currency has are rejected, not
 * rounded: `0.1 + 0.2` is `0.30000000000000004`, a bug to fix where it was computed.
 */
export function toMinor(
  amount: number | string,
  currency: Currency,
  context: MoneyContext = {},
): number {
  const exponent = checkCurrency(currency, context);
  const text =
    typeof amount === 'number' ? (Number.isFinite(amount) ? String(amount) : '') : amount;
  const match = typeof text === 'string' ? DECIMAL.exec(text.trim()) : null;
  if (!match) {
    reject(context, `amount must be a decimal number like 20.15, without an exponent`, amount);
  }
  const [, sign, whole, fraction = ''] = match;
  const decimals = fraction.replace(/0+$/, '');
  if (decimals.length > exponent) {
    reject(context, `amount must have at most ${exponent} decimals in ${currency}`, amount);
  }
  const minor = BigInt(`${sign}${whole}${decimals.padEnd(exponent, '0')}`);
  const inRange = bigintInRange(minor);
  if (inRange === undefined) reject(context, 'amount is too large', amount);
  return inRange;
}

/** Minor units to the decimal text of the major amount: `2015` → `'20.15'`, `-5` → `'-0.05'`. */
export function formatMinor(amountMinor: number, currency: Currency): string {
  const { amountMinor: minor } = money(amountMinor, currency, { operation: 'formatMinor' });
  const exponent = CURRENCY_EXPONENTS[currency];
  const digits = String(Math.abs(minor)).padStart(exponent + 1, '0');
  const whole = digits.slice(0, digits.length - exponent);
  const fraction = digits.slice(digits.length - exponent);
  return `${minor < 0 ? '-' : ''}${whole}${exponent > 0 ? `.${fraction}` : ''}`;
}

/**
 * Minor units to a major-unit number, for the APIs that take decimal amounts: the number nearest
 * the exact decimal (`2015` → `20.15`), the same one `Number('20.15')` gives, so `toMinor` of it
 * returns `2015` again. A double keeps 15 significant digits exactly, so larger amounts (from
 * 10^15 minor units, 10 trillion major ones) are rejected: use `formatMinor` for them.
 */
export function fromMinor(amountMinor: number, currency: Currency): number {
  const text = formatMinor(amountMinor, currency);
  if (Math.abs(amountMinor) >= EXACT_MAJOR_LIMIT) {
    reject(
      { operation: 'fromMinor' },
      'amountMinor is too large to be exact as a decimal number',
      amountMinor,
    );
  }
  return Number(text);
}

function checkCurrency(currency: unknown, context: MoneyContext): number {
  if (!isCurrency(currency)) {
    const known = Object.keys(CURRENCY_EXPONENTS).join(', ');
    throw new ValidationError(`currency must be one of ${known} (got ${String(currency)}).`, {
      provider: context.provider ?? 'core',
      operation: context.operation ?? 'money',
      field: 'currency',
      body: { currency },
    });
  }
  return CURRENCY_EXPONENTS[currency];
}

function bigintInRange(value: bigint): number | undefined {
  return value > MAX_MINOR || value < -MAX_MINOR ? undefined : Number(value);
}

function reject(context: MoneyContext, message: string, value: unknown): never {
  const field = context.field ?? 'amount';
  throw new ValidationError(`${message} (got ${describe(value)}).`, {
    provider: context.provider ?? 'core',
    operation: context.operation ?? 'money',
    field,
    body: { [field]: typeof value === 'bigint' ? String(value) : value },
  });
}

function describe(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}
