import type { Flow } from '../flows/contract.js';
import { flowHandler } from './run-flow.js';

/** A worker module: each request runs the flow, its body being the config. */
export function host(flow: Flow) {
  return { fetch: flowHandler(flow) };
}
