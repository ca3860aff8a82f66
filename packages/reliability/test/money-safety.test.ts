import type { Fault } from '@telcopay/mocks/faults';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeArtifact } from '../src/artifacts.js';
import { moneyEvidence, problemsOf } from '../src/checks.js';
import { OPERATION_CASES, type OperationCase } from '../src/clients.js';
import { expectedSequence, resends, sequenceFaults } from '../src/matrix.js';
import { observe } from '../src/observe.js';
import { concurrencyLimit } from '../src/pool.js';
import {
  coverageOf,
  type FaultSpace,
  faultSequences,
  requiredCoverage,
  seededRandom,
  seedFor,
} from '../src/sequences.js';
import { type Suite, startSuite } from '../src/suite.js';
import { expectClean } from './clean.js';

/**
 * Every fault here answers at once, and the lanes' attempt deadlines are virtual (none passes
 * here); the clients' default 30 s still bounds, for real, the wait for credentials (see the
 * matrix). A backoff of at most a millisecond, as the backoff is not what this file is about.
 */
const SETTINGS = { timeoutMs: 30_000, retry: { baseDelayMs: 1, maxDelayMs: 1 } };
/** The run's seed; `FAULT_SEED=<n>` explores other sequences. */
const RUN_SEED = envInteger('FAULT_SEED', 20_251_123);
/**
 * Sequences per operation: the covering ones (each fault at each attempt, each fault after each
 * resending one), then random ones up to `FAULT_SEQUENCES=<n>` (the suite once ran 1,000).
 */
const REQUESTED = envInteger('FAULT_SEQUENCES', 0);
const CONCURRENT_SEQUENCES = 50;
/** A generous bound for an operation's sequences, however many are asked for. */
const TEST_TIMEOUT_MS = 180_000 + 100 * REQUESTED;

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
  /** Coverage classes the attempts met, of those required (`requiredCoverage`). */
  covered: number;
  required: number;
  uncovered: string[];
  problems: string[];
}

let suite: Suite;
const summaries: MoneySummary[] = [];

beforeAll(async () => {
  suite = await startSuite(SETTINGS);
}, 30_000);

afterAll(async () => {
  const report = await suite.finish();
  writeArtifact('money-safety', {
    seed: RUN_SEED,
    requested: REQUESTED,
    settings: SETTINGS,
    summaries,
    report,
  });
  expectClean(report);
}, 60_000);

function envInteger(name: string, fallback: number): number {
  const text = process.env[name];
  if (text === undefined || text === '') return fallback;
  const value = Number(text);
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new Error(`${name} must be a whole number ≥ 0, not ${JSON.stringify(text)}`);
  }
  return value;
}

function faultSpace(operation: OperationCase): FaultSpace {
  const faults = sequenceFaults(operation);
  return { faults, resending: faults.filter((fault) => resends(fault, operation)) };
}

/** Plays the operation's seeded fault sequences, each on a fresh client and lane. */
async function playSequences(operation: OperationCase): Promise<MoneySummary> {
  const seed = seedFor(RUN_SEED, `${operation.api} ${operation.operationId}`);
  const space = faultSpace(operation);
  const sequences = faultSequences(seededRandom(seed), space, REQUESTED);
  const required = requiredCoverage(space);
  const covered = new Set<string>();
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
    covered: 0,
    required: required.length,
    uncovered: [],
    problems: [],
  };
  const play = async (faults: Fault[], index: number) => {
    const lane = suite.server.lane();
    lane.play(operation.operationId, faults);
    const observation = await observe(operation, suite.environment(lane), suite.surfaces);
    const evidence = moneyEvidence(operation, lane);
    summary.outcomes[observation.outcome] = (summary.outcomes[observation.outcome] ?? 0) + 1;
    summary.upstreamRequests += observation.received;
    summary.duplicates += evidence.duplicates;
    summary.keyMismatches += evidence.keyMismatches;
    summary.hangs += observation.hung ? 1 : 0;
    for (const met of coverageOf(lane.playedFaults(operation.operationId))) covered.add(met);
    const problems = problemsOf(operation, lane, observation, expectedSequence(faults, operation));
    if (problems.length > 0) {
      summary.problems.push(`#${index} [${faults.join(', ')}]: ${problems.join('; ')}`);
    }
  };
  const limit = concurrencyLimit(CONCURRENT_SEQUENCES);
  await Promise.all(sequences.map((faults, index) => limit(() => play(faults, index))));
  summary.uncovered = required.filter((met) => !covered.has(met));
  summary.covered = required.length - summary.uncovered.length;
  return summary;
}

describe('money-moving operations under seeded fault sequences that reach every fault at every attempt', () => {
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

  it('draws, from any seed, sequences that cover every fault at every attempt and every pair', () => {
    for (const operation of MONEY_OPERATIONS) {
      const space = faultSpace(operation);
      for (const seed of [1, 2, RUN_SEED]) {
        const covered = new Set(
          faultSequences(seededRandom(seed), space, 0).flatMap((faults) =>
            coverageOf(contractPath(faults, operation)),
          ),
        );
        expect(requiredCoverage(space).filter((met) => !covered.has(met))).toEqual([]);
      }
    }
  });

  for (const operation of MONEY_OPERATIONS) {
    const keyed = operation.safety === 'keyed-money';
    it(
      `${operation.api} ${operation.operationId}: ${
        keyed ? 'every retry carries the same key' : 'the upstream never receives a request twice'
      }, every call ends as the contract says`,
      async () => {
        const summary = await playSequences(operation);
        summaries.push(summary);
        expect(summary.problems.slice(0, 10)).toEqual([]);
        expect(summary.duplicates).toBe(0);
        expect(summary.keyMismatches).toBe(0);
        expect(summary.hangs).toBe(0);
        // The attempts met every fault at every attempt the client can reach, and every pair.
        expect(summary.uncovered).toEqual([]);
        expect(summary.sequences).toBeGreaterThanOrEqual(REQUESTED);
        // The sequences did reach the upstream, and ended in more than one way.
        expect(summary.upstreamRequests).toBeGreaterThan(summary.sequences / 2);
        expect(Object.keys(summary.outcomes).length).toBeGreaterThanOrEqual(3);
      },
      TEST_TIMEOUT_MS,
    );
  }
});

/** The faults a call's attempts meet when the client follows the contract. */
function contractPath(faults: readonly Fault[], operation: OperationCase): Fault[] {
  const { attempts } = expectedSequence(faults, operation);
  return Array.from({ length: attempts }, (_, attempt) => faults[attempt] ?? 'none');
}
