import type { AppConfig, Flow, Report } from '../flows/contract.js';
import { runFlow } from './run-flow.js';

declare global {
  /** Set by the app's module once loaded; the Node side calls it with the app's config. */
  var runTelcopayApp: ((config: AppConfig) => Promise<Report>) | undefined;
}

/** In a page: the flow is a global function that the Node side calls through Playwright. */
export function host(flow: Flow): void {
  globalThis.runTelcopayApp = (config) => runFlow(flow, config);
}
