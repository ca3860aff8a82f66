import type { Fault } from '@telcopay/mocks/faults';
import { VirtualDeadlines } from './deadlines.js';

/** One request as the fault server received it. */
export interface ReceivedRequest {
  operationId: string;
  method: string;
  /** The path below the API's base path, with the query. */
  path: string;
  headers: Readonly<Record<string, string>>;
  body: string;
  /** sha256 of method, path and body: the same request sent twice has the same fingerprint. */
  fingerprint: string;
  /** The bearer token it carried, if any. */
  bearer: string | undefined;
  /** When it arrived (performance.now()). */
  atMs: number;
  /** What the server played. */
  fault: Fault;
  /** The JSON body served, when the answer was a complete success or failure body. */
  served?: unknown;
}

/** One try of the client, as its fetch saw it (a refused try never reaches the server). */
export interface ClientTry {
  operationId: string;
  refused: boolean;
  /** When the client called its fetch (performance.now()). */
  atMs: number;
}

/** How the attempts of a lane's calls are timed. */
export type Deadlines = 'virtual' | 'real';

/**
 * An isolated stage of the fault server: its own base path, fault plans, received log and
 * issued tokens. Every client under test gets a fresh lane, so tests can run side by side.
 */
export class Lane {
  readonly received: ReceivedRequest[] = [];
  readonly tries: ClientTry[] = [];
  /** Access tokens the lane's token endpoints issued, in order. */
  readonly issuedTokens: string[] = [];
  /**
   * A revoked token is refused after a random delay of up to this long, as by a gateway under
   * load: the refusals of concurrent calls then arrive while fresh tokens are already in use.
   */
  refusalSpreadMs = 0;
  readonly #plans = new Map<string, { queue: Fault[]; then: Fault }>();
  readonly #revoked = new Set<string>();
  readonly #headerWaiters = new Map<string, (() => void)[]>();
  readonly #listeners = new Set<() => void>();
  readonly #deadlines = new VirtualDeadlines();
  #expiryPlayed = false;
  #open = 0;
  /** When the lane's first call started (performance.now()). */
  #startedAt: number | undefined;

  constructor(
    readonly id: string,
    readonly origin: string,
    /** The fetch a client of this lane is given: it plays `refused` before anything is sent. */
    readonly fetch: (request: Request) => Promise<Response>,
    /**
     * `virtual` (the default): an attempt's deadline passes exactly when the upstream withholds
     * its answer (see `VirtualDeadlines`), never because the machine is slow. `real`: the
     * clients' own `AbortSignal.timeout`.
     */
    readonly deadlines: Deadlines = 'virtual',
  ) {}

  /** Runs a client call of this lane, on the lane's deadlines. */
  run<T>(call: () => T): T {
    this.#startedAt ??= performance.now();
    return this.deadlines === 'virtual' ? this.#deadlines.run(call) : call();
  }

  /**
   * The upstream withholds the answer a client of the lane waits for: with virtual deadlines,
   * every pending one passes now, as it would long before the answer came.
   */
  stall(): void {
    this.#deadlines.stall();
  }

  /** The base URL a client of `api` is given. */
  baseUrl(api: string): string {
    return `${this.origin}/${this.id}/${api}`;
  }

  /** Plays `faults` on the next requests of the operation, one each, then `then` for ever. */
  play(operationId: string, faults: readonly Fault[], then: Fault = 'none'): void {
    this.#plans.set(operationId, { queue: [...faults], then });
  }

  /** The fault the next request of the operation gets, without taking it. */
  peekFault(operationId: string): Fault {
    const plan = this.#plans.get(operationId);
    return plan?.queue[0] ?? plan?.then ?? 'none';
  }

  takeFault(operationId: string): Fault {
    const plan = this.#plans.get(operationId);
    return plan?.queue.shift() ?? plan?.then ?? 'none';
  }

  /** Revokes every token issued so far: requests that carry one get the API's 401. */
  revokeTokens(): void {
    for (const token of this.issuedTokens) this.#revoked.add(token);
  }

  isRevoked(token: string | undefined): boolean {
    return token !== undefined && this.#revoked.has(token);
  }

  /** The first `expired-token` played on an issued token revokes the tokens issued so far. */
  expireTokensOnce(): void {
    if (this.#expiryPlayed) return;
    this.#expiryPlayed = true;
    this.revokeTokens();
  }

  receivedOf(operationId: string): ReceivedRequest[] {
    return this.received.filter((request) => request.operationId === operationId);
  }

  triesOf(operationId: string): number {
    return this.#triesOf(operationId).length;
  }

  #triesOf(operationId: string): ClientTry[] {
    return this.tries.filter((attempt) => attempt.operationId === operationId);
  }

  /** The faults one operation's attempts met, in order: `refused` ones never reached the server. */
  playedFaults(operationId: string): Fault[] {
    const served = this.receivedOf(operationId).map((request) => request.fault);
    return this.#triesOf(operationId).map((attempt) =>
      attempt.refused ? 'refused' : (served.shift() ?? 'none'),
    );
  }

  /**
   * How long after the lane's first call started the server had the operation's first request:
   * what must happen within the first attempt's deadline for a hang to be a hang.
   */
  firstArrivalMs(operationId: string): number | undefined {
    const first = this.receivedOf(operationId)[0];
    if (!first || this.#startedAt === undefined) return undefined;
    return Math.round(first.atMs - this.#startedAt);
  }

  /** The server received a request of the lane. */
  receive(request: ReceivedRequest): void {
    this.received.push(request);
    this.#changed();
  }

  /** A client of the lane called its fetch. */
  tried(attempt: ClientTry): void {
    this.tries.push(attempt);
    this.#changed();
  }

  /** A client of the lane has the headers of an answer to the operation. */
  clientHasHeaders(operationId: string): void {
    const waiters = this.#headerWaiters.get(operationId) ?? [];
    this.#headerWaiters.delete(operationId);
    for (const resolve of waiters) resolve();
  }

  /** Resolves once a client of the lane has the headers of the next answer to the operation. */
  whenClientHasHeaders(operationId: string): Promise<void> {
    return new Promise((resolve) => {
      this.#headerWaiters.set(operationId, [
        ...(this.#headerWaiters.get(operationId) ?? []),
        resolve,
      ]);
    });
  }

  requestOpened(): void {
    this.#open += 1;
  }

  requestClosed(): void {
    this.#open -= 1;
    this.#changed();
  }

  /**
   * Waits until no request of the lane is still open on the server (an abandoned hang would
   * stay open), at most `graceMs`; resolves to the number still open. It resolves as soon as the
   * last one closes: the grace only bounds a failing run.
   */
  async settled(graceMs = 10_000): Promise<number> {
    await this.until(() => this.#open === 0, graceMs);
    return this.#open;
  }

  /** Resolves to true as soon as `condition` holds (checked on every change), false after `limitMs`. */
  until(condition: () => boolean, limitMs: number): Promise<boolean> {
    if (condition()) return Promise.resolve(true);
    return new Promise((resolve) => {
      const finish = (met: boolean) => {
        clearTimeout(timer);
        this.#listeners.delete(check);
        resolve(met);
      };
      const check = () => {
        if (condition()) finish(true);
      };
      const timer = setTimeout(() => finish(false), limitMs);
      this.#listeners.add(check);
    });
  }

  #changed(): void {
    for (const listener of [...this.#listeners]) listener();
  }
}
