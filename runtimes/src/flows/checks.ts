// The assertions of the apps: no test library inside a bundle, only what every runtime has.

/** Fails the flow with `message` unless `condition` holds. */
export function check(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(`check failed: ${message}`);
}

/** Resolves to the error a call that must fail rejects with; a call that succeeds fails the flow. */
export function failure(call: Promise<unknown>): Promise<unknown> {
  return call.then(
    () => {
      throw new Error('check failed: the call succeeded but must be refused');
    },
    (error: unknown) => error,
  );
}

/** The URL of `api`'s front, which the Node side always passes for the apps that use it. */
export function urlOf(urls: Partial<Record<string, string>>, api: string): string {
  const url = urls[api];
  check(url, `no URL for ${api}`);
  return url;
}

/** A refusal in a line: the error's class and status. */
export function refusalSummary(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const { status } = error as { status?: number };
  return status === undefined ? error.name : `${error.name} ${status}`;
}
