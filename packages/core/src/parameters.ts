import { ValidationError } from './errors.js';

/**
 * One path or query parameter of an operation, as its spec declares it (generated): where the
 * method's input holds it, and the check its schema implies.
 */
export interface ParameterContract {
  readonly name: string;
  readonly in: 'path' | 'query';
  /** The method input's field that holds it, when not `name` (the parameter's `x-telcopay`). */
  readonly input?: string;
  readonly required?: boolean;
  /**
   * `text`: a non-empty string (`minLength: 1`), sent as given. `id`: a required number, given as
   * a positive whole number or its decimal digits. `count`: an optional positive whole number.
   * `flag`: a boolean.
   */
  readonly check?: 'text' | 'id' | 'count' | 'flag';
  /** The values it takes (`enum`). */
  readonly oneOf?: readonly (string | number)[];
  /** Sent when the input has none (`default`). */
  readonly default?: unknown;
}

type Params = { path?: Record<string, unknown>; query?: Record<string, unknown> };

/** Where an invalid field is reported. */
export interface InputSite {
  provider: string;
  operation: string;
}

/**
 * The path and query parameters a method's input holds, each checked as its schema says (a
 * `ValidationError` naming the input's field otherwise). An absent optional one is left out.
 */
export function mapParameters(
  site: InputSite,
  parameters: readonly ParameterContract[],
  fields: Record<string, unknown>,
): Params {
  const params: Params = {};
  for (const parameter of parameters) {
    const field = parameter.input ?? parameter.name;
    const value = fields[field] ?? parameter.default;
    if (value === undefined && !parameter.required) continue;
    params[parameter.in] = {
      ...params[parameter.in],
      [parameter.name]: checked(site, parameter, field, value),
    };
  }
  return params;
}

const DIGITS = /^[1-9]\d*$/;

function checked(site: InputSite, parameter: ParameterContract, field: string, value: unknown) {
  const { check, oneOf } = parameter;
  const fail = (rule: string) => invalidField(site, field, rule, value);
  if (oneOf && !oneOf.includes(value as string | number))
    fail(`must be one of ${oneOf.join(', ')}`);
  if (check === 'text' && (typeof value !== 'string' || value.trim() === '')) {
    fail('must be a non-empty string');
  }
  if (check === 'flag' && typeof value !== 'boolean') fail('must be a boolean');
  if (check === 'count' && !isPositive(value)) fail('must be a positive whole number');
  if (check === 'id') {
    // A string must be plain digits: a leading zero or a digit beyond 2^53 would name another id.
    const id = typeof value === 'string' && DIGITS.test(value) ? Number(value) : value;
    if (!isPositive(id)) fail('must be a positive whole number or its decimal digits');
    return id;
  }
  return value;
}

function isPositive(value: unknown): value is number {
  return Number.isSafeInteger(value) && (value as number) > 0;
}

/** A `ValidationError` on one field of a method's input: `<field> <rule> (got <value>).` */
export function invalidField(site: InputSite, field: string, rule: string, value: unknown): never {
  throw new ValidationError(`${field} ${rule} (got ${JSON.stringify(value)}).`, {
    ...site,
    field,
    body: { [field]: value },
  });
}
