import { AsyncLocalStorage } from 'node:async_hooks';

/** The clock of the call being run, if it runs on one. */
const current = new AsyncLocalStorage<VirtualDeadlines>();
const realTimeout = AbortSignal.timeout.bind(AbortSignal);

/**
 * Core times each attempt with a plain timer, unless `AbortSignal.timeout` was replaced (a test
 * clock): then with it. Replaced here, inside `VirtualDeadlines.run` it is the run's virtual
 * deadline, everywhere else the real one. Installed once, on first use.
 */
function install(): void {
  if (AbortSignal.timeout !== realTimeout) {
    AbortSignal.timeout = (ms: number) => current.getStore()?.timeout(ms) ?? realTimeout(ms);
  }
}

/**
 * The attempt deadlines of one lane's calls, on a clock of their own. The clock stands still
 * while anything can still happen, so a slow machine never makes a deadline pass; when the
 * upstream withholds the answer a client waits for (a hang, a drip far slower than any deadline),
 * `stall` moves it past every pending deadline, which fire as `AbortSignal.timeout` would: in
 * the order they were set, with a `TimeoutError`. A hang then ends as after `timeoutMs`, at once.
 */
export class VirtualDeadlines {
  readonly #pending: AbortController[] = [];

  /** Runs `work`: every `AbortSignal.timeout` it (and what it awaits) creates is on this clock. */
  run<T>(work: () => T): T {
    install();
    return current.run(this, work);
  }

  /** A deadline `ms` from now: it passes only when the upstream stalls (every deadline is later). */
  timeout(_ms: number): AbortSignal {
    const controller = new AbortController();
    this.#pending.push(controller);
    return controller.signal;
  }

  /** The upstream withholds an answer for longer than any deadline: they all pass. */
  stall(): void {
    for (const controller of this.#pending.splice(0)) {
      controller.abort(
        new DOMException('The operation was aborted due to timeout', 'TimeoutError'),
      );
    }
  }
}
