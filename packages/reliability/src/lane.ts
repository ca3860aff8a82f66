import type { Fault } from './faults.js';

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
  #expiryPlayed = false;
  #open = 0;

  constructor(
    readonly id: string,
    readonly origin: string,
    /** The fetch a client of this lane is given: it plays `refused` before anything is sent. */
    readonly fetch: (request: Request) => Promise<Response>,
  ) {}

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
    return this.tries.filter((attempt) => attempt.operationId === operationId).length;
  }

  requestOpened(): void {
    this.#open += 1;
  }

  requestClosed(): void {
    this.#open -= 1;
  }

  /**
   * Waits until no request of the lane is still open on the server (an abandoned hang would
   * stay open), at most `graceMs`; resolves to the number still open.
   */
  async settled(graceMs = 1_000): Promise<number> {
    const deadline = performance.now() + graceMs;
    while (this.#open > 0 && performance.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    return this.#open;
  }
}
