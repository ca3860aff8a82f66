import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeArtifact } from '../src/artifacts.js';
import { moneyEvidence, problemsOf } from '../src/checks.js';
import { OPERATION_CASES, type OperationCase } from '../src/clients.js';
import { expectedSequence, sequenceFaults } from '../src/matrix.js';
import { observe } from '../src/observe.js';
import { faultSequences, seededRandom, seedFor } from '../src/sequences.js';
import { type Suite, startSuite } from '../src/suite.js';
import { expectClean } from './clean.js';

/** Every fault here answers at once: a generous timeout, and backoffs of a few milliseconds. */
const SETTINGS = { timeoutMs: 2_000, retry: { baseDelayMs: 2, maxDelayMs: 50 } };
const SEQUENCES = 1_000;
/** The run's seed; `FAULT_SEED=<n>` explores other sequences. */
const RUN_SEED = Number(process.env.FAULT_SEED ?? 20_251_123);
const CONCURRENT_SEQUENCES = 50;

const MONEY_OPERATIONS = OPERATION_CASES.filter((operation) => operation.safety !== 'retry-safe');

interface MoneySummary {
  api: string;
  operationId: string;
  safety: OperationCase['safety'];
  seed: number;
  sequences: number;
  outcomes: Record<string, number>;
  /** Requests of the operation the upstream received, over all sequences. */
  upstreamRequests: number;
  duplicates: number;
  keyMismatches: number;
  hangs: number;
  problems: string[];
}

let suite: Suite;
const summaries: MoneySummary[] = [];

beforeAll(async () => {
  suite = await startSuite(SETTINGS);
}, 30_000);

afterAll(async () => {
  const report = await suite.finish();
  writeArtifact('money-safety', { seed: RUN_SEED, settings: SETTINGS, summaries, report });
  expectClean(report);
}, 60_000);

/** Plays `SEQUENCES` seeded fault sequences on `operation`, each on a fresh client and lane. */
async function playSequences(operation: OperationCase): Promise<MoneySummary> {
  const seed = seedFor(RUN_SEED, `${operation.api} ${operation.operationId}`);
  const sequences = faultSequences(seededRandom(seed), sequenceFaults(operation), SEQUENCES);
  const summary: MoneySummary = {
    api: operation.api,
    operationId: operation.operationId,
    safety: operation.safety,
    seed,
    sequences: sequences.length,
    outcomes: {},
    upstreamRequests: 0,
    duplicates: 0,
    keyMismatches: 0,
    hangs: 0,
    problems: [],
  };
  for (let start = 0; start < sequences.length; start += CONCURRENT_SEQUENCES) {
    const batch = sequences.slice(start, start + CONCURRENT_SEQUENCES);
    await Promise.all(
      batch.map(async (faults, index) => {
        const lane = suite.server.lane();
        lane.play(operation.operationId, faults);
        const observation = await observe(operation, suite.environment(lane), suite.surfaces);
        const evidence = moneyEvidence(operation, lane);
        summary.outcomes[observation.outcome] = (summary.outcomes[observation.outcome] ?? 0) + 1;
        summary.upstreamRequests += observation.received;
        summary.duplicates += evidence.duplicates;
        summary.keyMismatches += evidence.keyMismatches;
        summary.hangs += observation.hung ? 1 : 0;
        const problems = problemsOf(
          operation,
          lane,
          observation,
          expectedSequence(faults, operation),
        );
        if (problems.length > 0) {
          summary.problems.push(`#${start + index} [${faults.join(', ')}]: ${problems.join('; ')}`);
        }
      }),
    );
  }
  return summary;
}

describe(`money-moving operations under ${SEQUENCES} seeded fault sequences each`, () => {
  it('covers the money-moving operations of the issue', () => {
    expect(MONEY_OPERATIONS.map((op) => `${op.api} ${op.operationId}`)).toEqual([
      'chinchin-cps payService',
      'qvatel sendRecharge',
      'tigo-b2b-billing checkoutPayment',
      'tigo-b2b-billing registerPayment',
      'masstack-partners createNonSubscribableMovement',
      'masstack-partners createNonSubscribableRefund',
      'masstack-partners createMovement',
      'masstack-partners createRefund',
      'stone-topups confirm',
    ]);
  });

  for (const operation of MONEY_OPERATIONS) {
    const keyed = operation.safety === 'keyed-money';
    it(`${operation.api} ${operation.operationId}: ${
      keyed ? 'every retry carries the same key' : 'the upstream never receives a request twice'
    }, every call ends as the contract says`, async () => {
      const summary = await playSequences(operation);
      summaries.push(summary);
      expect(summary.problems.slice(0, 10)).toEqual([]);
      expect(summary.duplicates).toBe(0);
      expect(summary.keyMismatches).toBe(0);
      expect(summary.hangs).toBe(0);
      // The sequences did reach the upstream, and ended in more than one way.
      expect(summary.upstreamRequests).toBeGreaterThan(SEQUENCES / 2);
      expect(Object.keys(summary.outcomes).length).toBeGreaterThanOrEqual(3);
    }, 120_000);
  }
});
