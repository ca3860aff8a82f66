import type { AppConfig, Report } from '../flows/contract.js';
import { FLOW_TIMEOUT_MS, type OpenApp } from './runtime.js';
import type { Tethered } from './tether.js';

/**
 * An app a runtime process serves on `port`: one POST of its config runs the flow, the answer
 * is the report. A process that dies instead says so, with its output.
 */
export function servedApp(tethered: Tethered, port: number): OpenApp {
  return {
    async run(config: AppConfig): Promise<Report> {
      const response = await fetch(`http://127.0.0.1:${port}/`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(config),
        signal: AbortSignal.timeout(FLOW_TIMEOUT_MS),
      }).catch((error: unknown) => {
        throw new Error(
          `The app did not answer (${String(error)}). Its output:\n${tethered.output()}`,
        );
      });
      if (!response.ok) {
        throw new Error(
          `The app answered ${response.status}: ${await response.text()}\nIts output:\n${tethered.output()}`,
        );
      }
      return (await response.json()) as Report;
    },
    output: tethered.output,
    close: tethered.stop,
  };
}
