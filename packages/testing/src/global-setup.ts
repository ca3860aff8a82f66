// Vitest global setup: one mock host for a whole test run. The root test command starts the
// mocks of every API once and hands their URLs down in TELCOPAY_MOCK_URLS; a package run on its
// own (`pnpm --filter … test`) starts them here, once for all its test files.
import { startMocks } from '@telcopay/mocks';
import type { TestProject } from 'vitest/node';
import { MOCK_URLS_ENV, parseMockUrls } from './mock-urls.js';

export default async function setup(project: TestProject): Promise<(() => Promise<void>) | void> {
  // Type tests (`vitest run --typecheck.only`) compile; they never call a mock.
  if (project.config.typecheck.only) return;
  const shared = process.env[MOCK_URLS_ENV];
  if (shared) {
    project.provide('telcopayMocks', parseMockUrls(shared));
    return;
  }
  // Errors on, as in every contract suite: a request or answer that breaks the spec is an error.
  const mocks = await startMocks({ ports: 'free', errors: true, timeoutMs: 120_000 });
  project.provide('telcopayMocks', mocks.urls as Record<string, string>);
  return () => mocks.stop();
}
