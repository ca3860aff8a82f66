// What never leaves the proxy: credentials (the provider's own secret names from its manifest,
// plus every name that reads like one) and the personal data of the people paid for.
import { type ApiName, PROVIDERS } from '../apis.js';

const REDACTED = '[redacted]';

const ALWAYS_SECRET =
  /authorization|cookie|token|secret|signature|assertion|password|passwd|api[-_]?key|nonce|challenge|credential|private/i;
const PERSONAL =
  /phone|msisdn|destino|e-?mail|document|cpf|cnpj|nif|dni|address|birth|holder|customer|subscriber/i;

/** Whether a header, query, form or JSON field of this API holds something never to keep. */
export function secretTest(api: ApiName): (name: string) => boolean {
  const own = new Set<string>(PROVIDERS[api].secretNames.map((name) => name.toLowerCase()));
  return (name) => own.has(name.toLowerCase()) || ALWAYS_SECRET.test(name) || PERSONAL.test(name);
}

/** A copy of a JSON value with the value of every secret or personal field replaced. */
export function redactValue(value: unknown, isSecret: (name: string) => boolean): unknown {
  if (Array.isArray(value)) return value.map((item) => redactValue(item, isSecret));
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value).map(([name, field]) => [
      name,
      isSecret(name) ? REDACTED : redactValue(field, isSecret),
    ]),
  );
}

/** A request path for the report with each segment that carries digits (ids, numbers) hidden. */
export const redactPath = (path: string) =>
  path
    .split('/')
    .map((segment) => (/\d/.test(segment) ? '…' : segment))
    .join('/');
