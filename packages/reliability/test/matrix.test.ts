import { TelcopayError } from '@telcopay/core';
import {
  FAULT_DESCRIPTIONS,
  FAULTS,
  type Fault,
  RETRY_AFTER_SECONDS,
} from '@telcopay/mocks/faults';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APIS } from '../src/answers.js';
import { writeArtifact } from '../src/artifacts.js';
import { problemsOf } from '../src/checks.js';
import { OPERATION_CASES, type OperationCase } from '../src/clients.js';
import type { Deadlines } from '../src/lane.js';
import { type Expected, expectedCell } from '../src/matrix.js';
import { observe, outcomeOf } from '../src/observe.js';
import { concurrencyLimit } from '../src/pool.js';
import { type Suite, startSuite } from '../src/suite.js';
import { expectClean } from './clean.js';

/**
 * The lanes' attempt deadlines are virtual: a hang or a drip ends each attempt at once, as after
 * `timeoutMs`, and no attempt can time out because the machine is slow. The clients' default
 * 30 s, as it also bounds, for real, the time a call waits for its credentials (a token request
 * first, for some): ten times the 2–3 s that took at worst on a loaded machine. Backoffs of a
 * millisecond or two; a longest wait that covers Retry-After: 1, the one real wait (a fake clock
 * would have to replace the global timers that undici's sockets share with the clients).
 */
const SETTINGS = { timeoutMs: 30_000, retry: { baseDelayMs: 1, maxDelayMs: 1_500 } };
/**
 * The real-deadline cells: the clients' own timeout, ten times the 300 ms a call may take to get
 * its request to the server (a new client, a token request first for some, 26 such calls at
 * once), or its answer's headers, on a loaded machine. One attempt each: the matrix has proven
 * the retries.
 */
const REAL_DEADLINE = { timeoutMs: 3_000, retry: { ...SETTINGS.retry, maxRetries: 0 } };
/** The real-deadline cells play these on one operation of each kind (client, safety, auth). */
const REAL_DEADLINE_FAULTS = ['hang', 'drip'] as const;
/**
 * Calls under way at once (besides the throttled ones, which mostly wait): enough to keep the CPU
 * busy, few enough that each call takes about as long as its own work, far below the hang limit.
 */
const CONCURRENT_CALLS = 48;
/** Generous for a group of cells, each waiting for its turn, then bounded by the hang limit. */
const CELL_TIMEOUT_MS = 240_000;

interface Cell {
  api: string;
  operationId: string;
  safety: OperationCase['safety'];
  fault: Fault;
  expected: Expected | 'n/a';
  actual?: Expected & {
    received: number;
    tokenRequests: number;
    durationMs: number;
    /** How long after the call started the server had its first request (if it had any). */
    firstArrivalMs?: number;
  };
  problems: string[];
}

let suite: Suite;
const limit = concurrencyLimit(CONCURRENT_CALLS);
const cells: Cell[] = [];
const realDeadlineCells: Cell[] = [];

beforeAll(async () => {
  suite = await startSuite(SETTINGS, { dripDurationMs: 10 * REAL_DEADLINE.timeoutMs });
}, 30_000);

afterAll(async () => {
  const report = await suite.finish();
  writeArtifact('fault-matrix', {
    settings: SETTINGS,
    faults: FAULT_DESCRIPTIONS,
    cells: cells.sort(
      (a, b) =>
        FAULTS.indexOf(a.fault) - FAULTS.indexOf(b.fault) ||
        OPERATION_CASES.findIndex((op) => op.operationId === a.operationId && op.api === a.api) -
          OPERATION_CASES.findIndex((op) => op.operationId === b.operationId && op.api === b.api),
    ),
    realDeadlines: { timeoutMs: REAL_DEADLINE.timeoutMs, cells: realDeadlineCells },
    report,
  });
  expectClean(report);
}, 60_000);

/**
 * Plays `fault` on every attempt of `operation` in a lane of its own and checks the outcome; with
 * `real` deadlines, on the one attempt of `REAL_DEADLINE`.
 */
async function runCell(
  fault: Fault,
  operation: OperationCase,
  deadlines: Deadlines = 'virtual',
): Promise<Cell> {
  const { api, operationId, safety } = operation;
  const real = deadlines === 'real';
  const cell = expectedCell(fault, operation);
  if (!cell) return { api, operationId, safety, fault, expected: 'n/a', problems: [] };
  const expected = real ? { ...cell, attempts: 1 } : cell;
  const lane = suite.server.lane(deadlines);
  lane.play(operationId, [], fault);
  const environment = suite.environment(lane, real ? REAL_DEADLINE : {});
  const call = () => observe(operation, environment, suite.surfaces);
  // A throttled call mostly waits out Retry-After: it takes no turn, so all of them wait at once.
  const observation = await (fault === 'throttled' ? call() : limit(call));
  const problems = problemsOf(operation, lane, observation, expected);
  const { error } = observation;
  if (fault === 'html' && error instanceof TelcopayError && !error.message.includes('HTML page')) {
    problems.push(`the message does not say the answer was an HTML page: ${error.message}`);
  }
  if (fault === 'throttled') {
    // The client waited as long as Retry-After asked before each resend (its own clock: the
    // server's could lag on a loaded machine).
    const sends = lane.tries.filter((t) => t.operationId === operationId).map((t) => t.atMs);
    const gaps = sends.slice(1).map((at, index) => at - (sends[index] ?? at));
    if (gaps.some((gap) => gap < RETRY_AFTER_SECONDS.throttled * 1000)) {
      problems.push(`resent after ${gaps.map(Math.round).join(', ')} ms, before Retry-After`);
    }
  }
  const { received, tokenRequests, durationMs } = observation;
  const firstArrivalMs = lane.firstArrivalMs(operationId);
  return {
    api,
    operationId,
    safety,
    fault,
    expected,
    actual: {
      ...outcomeOf(observation),
      received,
      tokenRequests,
      durationMs,
      ...(firstArrivalMs === undefined ? {} : { firstArrivalMs }),
    },
    problems,
  };
}

/** The problems of `results`, one line per cell that has any. */
function failures(results: readonly Cell[]): string[] {
  return results
    .filter((cell) => cell.problems.length > 0)
    .map((cell) => `${cell.api} ${cell.operationId} ${cell.fault}: ${cell.problems.join('; ')}`);
}

// Every group at once, their calls taking turns (`CONCURRENT_CALLS`): with virtual deadlines
// only the Retry-After waits take time.
describe.concurrent('every fault on every operation', () => {
  for (const api of APIS) {
    describe(api, () => {
      const operations = OPERATION_CASES.filter((operation) => operation.api === api);
      for (const fault of FAULTS) {
        it(
          `${fault}: every operation ends as expected`,
          async () => {
            const results = await Promise.all(
              operations.map((operation) => runCell(fault, operation)),
            );
            cells.push(...results);
            expect(failures(results)).toEqual([]);
          },
          CELL_TIMEOUT_MS,
        );
      }
    });
  }
});

/** The first operation of each kind: client, safety class and authentication. */
const ONE_OF_EACH_KIND = OPERATION_CASES.filter(
  (operation, index) =>
    OPERATION_CASES.findIndex(
      (other) =>
        other.api === operation.api &&
        other.safety === operation.safety &&
        other.authentication === operation.authentication,
    ) === index,
);

// Not concurrent with the matrix: they run after it, on an otherwise idle suite, so that the
// 10× margin holds.
describe(`real deadlines of ${REAL_DEADLINE.timeoutMs} ms`, () => {
  it(
    'a hang and a drip on one operation of each kind (client, safety, auth) end as the matrix says',
    async () => {
      const results = await Promise.all(
        REAL_DEADLINE_FAULTS.flatMap((fault) =>
          ONE_OF_EACH_KIND.map((operation) => runCell(fault, operation, 'real')),
        ),
      );
      realDeadlineCells.push(...results);
      expect(results.every((cell) => cell.actual !== undefined)).toBe(true);
      expect(failures(results)).toEqual([]);
    },
    CELL_TIMEOUT_MS,
  );
});

describe('the whole matrix', () => {
  it('covers every fault and every operation of the five clients', () => {
    expect(cells).toHaveLength(FAULTS.length * OPERATION_CASES.length);
    expect(new Set(cells.map((cell) => cell.api))).toEqual(new Set(APIS));
    // Only two faults can be inapplicable: a 2xx failure the API has not, a credential it has not.
    const inapplicable = new Set(cells.filter((c) => c.expected === 'n/a').map((c) => c.fault));
    expect([...inapplicable].sort()).toEqual(['business-failure', 'expired-token']);
  });
});
