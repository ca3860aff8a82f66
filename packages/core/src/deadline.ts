/** `AbortSignal.timeout` as the runtime gave it, before any test clock replaced it. */
const nativeTimeout = AbortSignal.timeout;
const ONCE = { once: true } as const;

/** One attempt's deadline, with the caller's own signal folded in. */
export interface AttemptDeadline {
  /** Aborts when the caller's signal does, or with a `TimeoutError` once the time is up. */
  readonly signal: AbortSignal;
  /** Whether it was the time that ran out (not the caller who aborted). */
  timedOut(): boolean;
  /**
   * Settles with `work`, or rejects with the abort reason as soon as the signal aborts; either
   * way the timer and the listeners are dropped then, not when the time would have been up.
   */
  race<T>(work: Promise<T>): Promise<T>;
}

/**
 * Starts an attempt's deadline of `ms`. A plain timer, cleared when the attempt settles, costs a
 * third of `AbortSignal.timeout` + `AbortSignal.any`, whose timer stays armed for the whole
 * timeout after every call. An `AbortSignal.timeout` replaced by a test clock (the fault suite's
 * virtual deadlines, a fake-timer library) is honoured: its deadline is the one kept.
 */
export function startDeadline(ms: number, caller: AbortSignal | undefined): AttemptDeadline {
  const controller = new AbortController();
  const { signal } = controller;
  let timedOut = false;
  let fail: ((reason: unknown) => void) | undefined;
  const abort = (reason: unknown) => {
    controller.abort(reason);
    fail?.(reason);
  };
  const expire = () => {
    timedOut = true;
    abort(new DOMException('The operation was aborted due to timeout', 'TimeoutError'));
  };
  const callerAborted = () => abort(caller?.reason);

  let timer: ReturnType<typeof setTimeout> | undefined;
  let clock: AbortSignal | undefined;
  if (AbortSignal.timeout === nativeTimeout) timer = setTimeout(expire, ms);
  else {
    clock = AbortSignal.timeout(ms);
    clock.addEventListener('abort', expire, ONCE);
  }
  if (caller?.aborted) controller.abort(caller.reason);
  else caller?.addEventListener('abort', callerAborted, ONCE);

  const stop = () => {
    clearTimeout(timer);
    clock?.removeEventListener('abort', expire);
    caller?.removeEventListener('abort', callerAborted);
  };
  return {
    signal,
    timedOut: () => timedOut,
    race<T>(work: Promise<T>) {
      work.catch(() => {}); // once abandoned, its late rejection is nobody's concern
      return new Promise<T>((resolve, reject) => {
        if (signal.aborted) {
          stop();
          reject(signal.reason);
          return;
        }
        fail = (reason) => {
          stop();
          reject(reason);
        };
        work.then(
          (value) => {
            stop();
            resolve(value);
          },
          (error: unknown) => {
            stop();
            reject(error);
          },
        );
      });
    },
  };
}
