import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeArtifact } from '../src/artifacts.js';
import { OPERATION_CASES } from '../src/clients.js';
import { FAULTS, type Fault } from '../src/faults.js';
import { MAX_RETRIES } from '../src/matrix.js';
import { observe } from '../src/observe.js';
import { type Suite, startSuite } from '../src/suite.js';
import { expectClean } from './clean.js';

const SETTINGS = { timeoutMs: 2_000, retry: { baseDelayMs: 5, maxDelayMs: 50 } };
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
}, 30_000);

function operation(api: string, operationId: string) {
  const found = OPERATION_CASES.find((op) => op.api === api && op.operationId === operationId);
  if (!found) throw new Error(`no case for ${api} ${operationId}`);
  return found;
}

for (const [api, calls] of Object.entries(TOKEN_CLIENTS)) {
  describe(api, () => {
    it(`${CONCURRENT_CALLS} concurrent calls with an expired token cause exactly one token request`, async () => {
      const read = operation(api, calls.read);
      const lane = suite.server.lane();
      // Time is not what this test is about: a loaded machine must not turn it into timeouts.
      const call = read.bind(suite.environment(lane, { timeoutMs: 30_000 }));
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
      expect(received.filter((request) => request.bearer === fresh)).toHaveLength(CONCURRENT_CALLS);
    });

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
          // Only counts are checked here: a short timeout keeps the hanging token endpoints quick.
          const environment = suite.environment(lane, { timeoutMs: 500 });
          const observation = await observe(target, environment, suite.surfaces);
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
        30_000,
      );
    }
  });
}
