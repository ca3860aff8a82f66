import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleApps } from './bundle.js';
import { CELLS, type Cell } from './cells.js';
import type { ApiName, AppName, Report } from './flows/contract.js';
import { closeFronts, startFronts } from './fronts/start-fronts.js';
import type { OpenApp, Runtime, RuntimeSession } from './runtimes/runtime.js';
import { makeSecrets, type RunSecrets } from './secrets.js';

declare module 'vitest' {
  interface TaskMeta {
    /** The runtime's version, for the table. */
    runtimeVersion?: string;
  }
}

/** Bundling six apps and starting a runtime: seconds usually, on a busy machine maybe a minute. */
const SETUP_TIMEOUT_MS = 240_000;
/**
 * One cell: a runtime process or page, one flow, its fronts (a few seconds usually). Above the
 * runtime's own deadlines (START_TIMEOUT_MS + FLOW_TIMEOUT_MS), which fail with its output.
 */
const CELL_TIMEOUT_MS = 240_000;

/** One row of the matrix: every app bundled for `runtime` and run in it against the mocks. */
export function describeRuntime(runtime: Runtime): void {
  describe(runtime.name, () => {
    let workDir = '';
    let starting: Promise<RuntimeSession> | undefined;
    let bundles: Record<AppName, string>;
    let secrets: RunSecrets;

    beforeAll(async () => {
      workDir = mkdtempSync(join(tmpdir(), `telcopay-${runtime.name}-`));
      const bundling = bundleApps(runtime, workDir);
      const making = makeSecrets();
      starting = runtime.start(workDir);
      // Everything settles before a failure is thrown: nothing writes into workDir after afterAll.
      await Promise.allSettled([bundling, making, starting]);
      bundles = await bundling;
      secrets = await making;
      await starting;
    }, SETUP_TIMEOUT_MS);

    afterAll(async () => {
      const session = await starting?.catch(() => undefined);
      await session?.close();
      rmSync(workDir, { recursive: true, force: true });
    });

    const named = CELLS.map((cell) => [cell.app, cell] as const);
    it.for(named)('%s', { timeout: CELL_TIMEOUT_MS }, async ([, cell], { task }) => {
      if (!starting) throw new Error(`${runtime.name} did not start`);
      const session = await starting;
      task.meta.runtimeVersion = session.version;
      await runCell(session, bundles[cell.app], cell, secrets);
    });
  });
}

/** Runs one app with fresh fronts; passes when its flow succeeded and the fronts saw exactly it. */
async function runCell(session: RuntimeSession, bundle: string, cell: Cell, secrets: RunSecrets) {
  const fronts = await startFronts(Object.keys(cell.transcripts) as ApiName[], secrets);
  const transcripts = () =>
    Object.fromEntries([...fronts].map(([api, front]) => [api, front.transcript]));
  try {
    const app = await session.open(bundle);
    try {
      const report = await app.run({
        urls: Object.fromEntries([...fronts].map(([api, front]) => [api, front.url])),
        credentials: secrets.credentials,
      });
      if (!report.ok) throw new Error(failureOf(report, transcripts(), app));
      expect(transcripts(), 'the requests the fronts saw').toEqual(cell.transcripts);
    } finally {
      await app.close();
    }
  } finally {
    await closeFronts(fronts);
  }
}

/** A failed flow, first line first: the error and the call; then what happened before it. */
function failureOf(
  report: Extract<Report, { ok: false }>,
  transcripts: Record<string, string[]>,
  app: OpenApp,
): string {
  const { name, status, call, message, stack } = report.error;
  return [
    `${name}${status === undefined ? '' : ` ${status}`}${call ? ` in ${call}` : ''}: ${message}`,
    `calls that succeeded: ${report.steps.map((step) => `${step.call} (${step.answer})`).join(', ') || 'none'}`,
    `requests the fronts saw: ${JSON.stringify(transcripts, null, 2)}`,
    `runtime output: ${app.output() || '(none)'}`,
    ...(stack ? [`app stack: ${stack}`] : []),
  ].join('\n');
}
