/**
 * QvaTel's quirk: every answer carries `result`, `1` for success and `0` for a failure that still
 * comes with a 2xx status (and an `error` text).
 */

/** The failure text of a `result: 0` answer; undefined for a success. */
export function failureText(body: { result: number; error?: string }): string | undefined {
  return body.result === 0 ? (body.error ?? 'result: 0') : undefined;
}

/** An answer that `failureText` let through: its success variant. */
export function accepted<Body extends { result: 0 | 1 }>(body: Body): Extract<Body, { result: 1 }> {
  return body as Extract<Body, { result: 1 }>;
}
