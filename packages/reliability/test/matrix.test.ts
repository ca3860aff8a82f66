import { TelcopayError } from '@telcopay/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APIS } from '../src/answers.js';
import { writeArtifact } from '../src/artifacts.js';
import { problemsOf } from '../src/checks.js';
import { OPERATION_CASES, type OperationCase } from '../src/clients.js';
import { FAULT_DESCRIPTIONS, FAULTS, type Fault, RETRY_AFTER_SECONDS } from '../src/faults.js';
import { type Expected, expectedCell } from '../src/matrix.js';
import { observe, outcomeOf } from '../src/observe.js';
import { type Suite, startSuite } from '../src/suite.js';
import { expectClean } from './clean.js';

/**
 * Timeouts short enough that a hang costs seconds, long enough for a loaded machine (the test
 * command runs every package at once); a longest wait that covers Retry-After: 1.
 */
const SETTINGS = { timeoutMs: 2_000, retry: { baseDelayMs: 5, maxDelayMs: 1_500 } };

interface Cell {
  api: string;
  operationId: string;
  safety: OperationCase['safety'];
  fault: Fault;
  expected: Expected | 'n/a';
  actual?: Expected & { received: number; tokenRequests: number; durationMs: number };
  problems: string[];
}

let suite: Suite;
const cells: Cell[] = [];

beforeAll(async () => {
  suite = await startSuite(SETTINGS, { dripDurationMs: 10 * SETTINGS.timeoutMs });
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
    report,
  });
  expectClean(report);
}, 30_000);

/** Plays `fault` on every attempt of `operation` in a lane of its own and checks the outcome. */
async function runCell(fault: Fault, operation: OperationCase): Promise<Cell> {
  const { api, operationId, safety } = operation;
  const expected = expectedCell(fault, operation);
  if (!expected) return { api, operationId, safety, fault, expected: 'n/a', problems: [] };
  const lane = suite.server.lane();
  lane.play(operationId, [], fault);
  const observation = await observe(operation, suite.environment(lane), suite.surfaces);
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
  return {
    api,
    operationId,
    safety,
    fault,
    expected,
    actual: { ...outcomeOf(observation), received, tokenRequests, durationMs },
    problems,
  };
}

for (const api of APIS) {
  describe.concurrent(api, () => {
    const operations = OPERATION_CASES.filter((operation) => operation.api === api);
    for (const fault of FAULTS) {
      it(`${fault}: every operation ends as expected`, async () => {
        const results = await Promise.all(operations.map((operation) => runCell(fault, operation)));
        cells.push(...results);
        const failed = results
          .filter((cell) => cell.problems.length > 0)
          .map((cell) => `${cell.operationId}: ${cell.problems.join('; ')}`);
        expect(failed).toEqual([]);
      }, 30_000);
    }
  });
}

describe('the whole matrix', () => {
  it('covers every fault and every operation of the five clients', () => {
    expect(cells).toHaveLength(FAULTS.length * OPERATION_CASES.length);
    expect(new Set(cells.map((cell) => cell.api))).toEqual(new Set(APIS));
    // Only two faults can be inapplicable: a 2xx failure the API has not, a credential it has not.
    const inapplicable = new Set(cells.filter((c) => c.expected === 'n/a').map((c) => c.fault));
    expect([...inapplicable].sort()).toEqual(['business-failure', 'expired-token']);
  });
});
