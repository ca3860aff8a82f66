import { FAULTS, type Fault } from '@telcopay/mocks/faults';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeArtifact } from '../src/artifacts.js';
import { OPERATION_CASES } from '../src/clients.js';
import { MAX_RETRIES } from '../src/matrix.js';
import { observe } from '../src/observe.js';
import { type Suite, startSuite } from '../src/suite.js';
import { expectClean } from './clean.js';

/**
 * The lanes' attempt deadlines are virtual: a hanging token endpoint ends each token attempt at
 * once. The clients' default 30 s still bounds, for real, how long a call waits for its token
 * (see the matrix); here it waits for the token request's attempts, which fail at once.
 */
const SETTINGS = { timeoutMs: 30_000, retry: { baseDelayMs: 1, maxDelayMs: 50 } };
/** Generous for 100 calls at once, or a call bounded by the hang limit (60 s), on a busy machine. */
const TEST_TIMEOUT_MS = 150_000;
const CONCURRENT_CALLS = 100;

/** The clients whose upstream issues tokens, and a retry-safe and an unkeyed call of each. */
const TOKEN_CLIENTS = {
  'tigo-b2b-billing': { read: 'getContract', money: 'checkoutPayment' },
  'stone-topups': { read: 'listProviders', money: 'confirm' },
} as const;

let suite: Suite;
const findings: Record<string, unknown>[] = [];

beforeAll(async () => {
  suite = await startSuite(SETTINGS, { dripDurationMs: 10 * SETTINGS.timeoutMs });
}, 30_000);

afterAll(async () => {
  const report = await suite.finish();
  writeArtifact('tokens', { settings: SETTINGS, findings, report });
  expectClean(report);
}, 60_000);

function operation(api: string, operationId: string) {
  const found = OPERATION_CASES.find((op) => op.api === api && op.operationId === operationId);
  if (!found) throw new Error(`no case for ${api} ${operationId}`);
  return found;
}

for (const [api, calls] of Object.entries(TOKEN_CLIENTS)) {
  describe(api, () => {
    it(
      `${CONCURRENT_CALLS} concurrent calls with an expired token cause exactly one token request`,
      async () => {
        const read = operation(api, calls.read);
        // Virtual deadlines: a loaded machine cannot turn this test into timeouts.
        const lane = suite.server.lane();
        const call = read.bind(suite.environment(lane));
        await call();
        expect(lane.triesOf('requestAccessToken')).toBe(1);
        const [expired] = lane.issuedTokens;
        lane.revokeTokens();
        lane.refusalSpreadMs = 100;

        const outcomes = await Promise.allSettled(Array.from({ length: CONCURRENT_CALLS }, call));
        for (const outcome of outcomes)
          if (outcome.status === 'rejected') suite.surfaces.addError(outcome.reason);

        const tokenRequests = lane.triesOf('requestAccessToken') - 1;
        const received = lane.receivedOf(read.operationId).slice(1);
        findings.push({
          api,
          test: 'expired token, concurrent calls',
          tokenRequests,
          received: received.length,
        });
        expect(outcomes.filter((outcome) => outcome.status === 'rejected')).toEqual([]);
        expect(tokenRequests).toBe(1);
        const [, fresh] = lane.issuedTokens;
        expect(received.filter((request) => request.bearer === expired)).toHaveLength(
          CONCURRENT_CALLS,
        );
        expect(received.filter((request) => request.bearer === fresh)).toHaveLength(
          CONCURRENT_CALLS,
        );
      },
      TEST_TIMEOUT_MS,
    );

    // A call needs a token before it can send anything: when the token endpoint fails, the call
    // fails without reaching the API, and the token request is retried as any retry-safe call.
    const tokenFaults = FAULTS.filter(
      (fault): fault is Fault => !['none', 'business-failure', 'expired-token'].includes(fault),
    );
    for (const which of ['read', 'money'] as const) {
      it.concurrent.each(tokenFaults)(
        `a token endpoint that answers %s: the ${which} call never reaches the API and retries the token request at most ${MAX_RETRIES} times`,
        async (fault) => {
          const target = operation(api, calls[which]);
          const lane = suite.server.lane();
          lane.play('requestAccessToken', [], fault);
          // Only counts are checked here: virtual deadlines end a hanging token request at once.
          const observation = await observe(target, suite.environment(lane), suite.surfaces);
          findings.push({
            api,
            test: `token endpoint ${fault}`,
            operation: target.operationId,
            outcome: observation.outcome,
            tokenRequests: observation.tokenRequests,
          });
          expect(observation.received).toBe(0);
          expect(observation.outcome).not.toBe('ok');
          expect(observation.hung).toBe(false);
          expect(observation.tokenRequests).toBeLessThanOrEqual(MAX_RETRIES + 1);
        },
        TEST_TIMEOUT_MS,
      );
    }
  });
}
