import { expect } from 'vitest';
import type { SuiteReport } from '../src/suite.js';

/** No secret anywhere, no stray rejection, no open socket, no unrouted request. */
export function expectClean(report: SuiteReport): void {
  expect(report.secretHits).toEqual([]);
  expect(report.unhandledRejections).toBe(0);
  expect(report.openSockets).toBe(0);
  expect(report.unrouted).toBe(0);
  expect(report.errorsScanned).toBeGreaterThan(0);
  expect(report.logEntriesScanned).toBeGreaterThan(0);
  expect(report.spansScanned).toBeGreaterThan(0);
}
