import type { ProxyOptions, RunningProxy } from './server.js';

export type { Finding } from './findings.js';
export type { CandidateExample } from './recorder.js';
export type { ConformanceReport, InferredReport, OperationReport } from './report.js';
export type { ProxyOptions, RunningProxy };

/**
 * Starts a validating proxy in front of a provider: every call goes through unchanged, and is
 * checked against the API's spec. Loads Prism on first use only.
 */
export async function startProxy(options: ProxyOptions): Promise<RunningProxy> {
  const { startProxy: start } = await import('./server.js');
  return start(options);
}
