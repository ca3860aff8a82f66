import {
  ApiError,
  AuthError,
  BusinessError,
  type CallOptions,
  OutcomeUnknownError,
  TelcopayError,
} from '@telcopay/core';
import type { ApiName } from '@telcopay/mocks';
import { createMockHandlers } from '@telcopay/mocks/msw';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mockUrl } from './mock-urls.js';
import { type Scenario, specOperations } from './spec.js';

/** Calls one operation with valid input; `call` carries the scenario's `Prefer` header. */
export type OperationCall<Client> = (client: Client, call: CallOptions) => Promise<unknown>;

export interface ContractSuite<Client> {
  api: ApiName;
  /** Builds the client under test against the mock's base URL. */
  createClient(baseUrl: string): Client;
  /** One valid call for every operationId of the spec; a missing one fails the suite. */
  calls: Record<string, OperationCall<Client>>;
  /** 2xx examples (per operationId) whose body reports a failure: they must become a BusinessError. */
  businessFailures?: Record<string, readonly string[]>;
  /** What a successful call resolves to, when the client reshapes the body (default: the body). */
  expectedSuccess?(scenario: Scenario): unknown;
}

/**
 * The contract test of one client: for every operation of its spec and every documented status
 * × named example, the real client calls a real Prism mock that plays that example
 * (`Prefer: code=…, example=…`), and the outcome must be the typed result or error. The same
 * suite runs again in-process, against the `@telcopay/mocks/msw` handlers of the same spec. The
 * package's vitest config must start the shared mocks (`telcopayVitestConfig({ mocks: true })`).
 */
export function describeContract<Client>(suite: ContractSuite<Client>): void {
  // The run's shared Prism mock (errors on): requests that break the spec are refused.
  describeContractOn(`${suite.api} contract`, suite, () => mockUrl(suite.api));
  // In-process: MSW answers on an address nothing listens on, so no request leaves the process.
  const baseUrl = `http://${suite.api}.msw.invalid`;
  const server = setupServer();
  beforeAll(async () => {
    const mocks = await createMockHandlers({
      apis: [suite.api],
      baseUrls: { [suite.api]: baseUrl },
    });
    server.use(...mocks.handlers);
    server.listen({ onUnhandledRequest: 'bypass' });
  });
  afterAll(() => server.close());
  describeContractOn(`${suite.api} contract in-process (msw)`, suite, () => baseUrl);
}

function describeContractOn<Client>(
  title: string,
  suite: ContractSuite<Client>,
  baseUrl: () => string,
): void {
  const operations = specOperations(suite.api);
  let client: Client;

  beforeAll(() => {
    client = suite.createClient(baseUrl());
  });

  // Each scenario is one stateless request: they run concurrently, as a busy client would send.
  describe.concurrent(title, () => {
    it('has a contract call for every operation of the spec, and no other', () => {
      expect(Object.keys(suite.calls).sort()).toEqual(
        operations.map((operation) => operation.operationId).sort(),
      );
    });

    it('documents a named example for every response', () => {
      const missing = operations.flatMap((operation) =>
        operation.statusesWithoutExamples.map((status) => `${operation.operationId} ${status}`),
      );
      expect(missing).toEqual([]);
    });

    for (const operation of operations) {
      describe(operation.operationId, () => {
        for (const scenario of operation.scenarios) {
          it(`${scenario.status} ${scenario.example}`, async () => {
            const call = suite.calls[scenario.operationId];
            if (!call) throw new Error(`no contract call for ${scenario.operationId}`);
            const prefer = `code=${servedStatus(scenario)}, example=${scenario.example}`;
            const outcome = await call(client, { headers: { Prefer: prefer } }).then(
              (value) => ({ value }),
              (error: unknown) => ({ error }),
            );
            expectOutcome(suite, scenario, outcome);
          });
        }
      });
    }
  });
}

/**
 * The status Prism is asked for. Prism's `Prefer: code=` takes a number only (`code=default` is a
 * 422), and serves an operation's `default` response for any status it does not document: 500
 * stands for `default` (an operation that documents both would need another choice).
 */
function servedStatus(scenario: Scenario): string {
  return scenario.status === 'default' ? '500' : scenario.status;
}

function expectOutcome<Client>(
  suite: ContractSuite<Client>,
  scenario: Scenario,
  outcome: { value?: unknown; error?: unknown },
): void {
  const status = Number(servedStatus(scenario));
  const isBusinessFailure =
    suite.businessFailures?.[scenario.operationId]?.includes(scenario.example) ?? false;
  if (status >= 200 && status < 300 && !isBusinessFailure) {
    if ('error' in outcome) throw outcome.error;
    expect(outcome.value).toEqual(suite.expectedSuccess?.(scenario) ?? scenario.value);
    return;
  }
  expect(outcome.error).toBeInstanceOf(TelcopayError);
  const error = outcome.error as TelcopayError;
  expect(error.operation).toBe(scenario.operationId);
  expect(error.provider).toBe(suite.api);
  expect(error.status).toBe(status);
  expect(error.body).toEqual(scenario.value);
  if (isBusinessFailure) {
    expect(error).toBeInstanceOf(BusinessError);
  } else if (status === 401 || status === 403) {
    expect(error).toBeInstanceOf(AuthError);
  } else if (error instanceof OutcomeUnknownError) {
    // A money-moving call without an idempotency key whose answer is a 5xx: it may have been
    // carried out, so the client reports the outcome as unknown, with the ids to reconcile.
    expect(status).toBeGreaterThanOrEqual(500);
    expect(error.retryable).toBe(false);
    expect(error.reconciliation.advice).not.toBe('');
  } else {
    expect(error).toBeInstanceOf(ApiError);
    expect(error).not.toBeInstanceOf(AuthError);
  }
}
