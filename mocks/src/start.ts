import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { APIS, type ApiName } from './apis.js';
import type { PortChoice } from './host.js';
import { READY_MARK } from './protocol.js';
import { type MockScenarios, mockScenarios } from './scenarios/control.js';
import type { ScenarioStep } from './scenarios/steps.js';

export interface StartMocksOptions {
  /** Which APIs to mock; default all five. */
  apis?: readonly ApiName[];
  /** Ports per API (default: the standard mock ports), or `'free'` for OS-chosen free ports. */
  ports?: PortChoice;
  /** Prism's `--errors`: requests or answers that violate the spec become errors. Default true. */
  errors?: boolean;
  /** Serve another document than the bundled spec for some APIs (a spec under development). */
  documents?: Partial<Record<ApiName, string>>;
  /** How long to wait for every server to answer. Default 120 s (Prism loads slowly on a busy machine). */
  timeoutMs?: number;
}

export interface RunningMocks {
  /** The base URL of each started mock. */
  urls: Partial<Record<ApiName, string>>;
  /**
   * Queues answers for the next calls of `operationId` on `api`'s mock (the default queues: for
   * requests without a scenario header), played in order, then back to the usual answer.
   */
  scenario(api: ApiName, operationId: string, steps: readonly ScenarioStep[]): Promise<void>;
  /** Forgets the default queues of every mock. */
  reset(): Promise<void>;
  /** A test's own scenarios: queues only requests with its header see (parallel tests). */
  scenarios(options?: { id?: string }): MockScenarios;
  /** Stops every mock and waits until their process has exited. */
  stop(): Promise<void>;
}

const childEntry = fileURLToPath(new URL('./child.js', import.meta.url));

/**
 * Starts Prism mocks in a child process and resolves once every server answers HTTP. The child
 * exits when this process does (its stdin pipe closes), even if `stop()` is never called.
 */
export async function startMocks(options: StartMocksOptions = {}): Promise<RunningMocks> {
  const apis = options.apis ?? APIS;
  const child = spawn(
    process.execPath,
    [
      childEntry,
      JSON.stringify({
        apis,
        ports: options.ports,
        errors: options.errors ?? true,
        documents: options.documents,
      }),
    ],
    { stdio: ['pipe', 'pipe', 'pipe'] },
  );
  const stop = () => stopChild(child);
  try {
    const urls = await waitForReady(child, options.timeoutMs ?? 120_000);
    await Promise.all(Object.values(urls).map((url) => waitUntilAnswering(url)));
    const shared = mockScenarios(urls, { id: '' });
    return {
      urls,
      scenario: shared.scenario,
      reset: shared.reset,
      scenarios: (scenarioOptions) => mockScenarios(urls, scenarioOptions),
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

function waitForReady(child: ChildProcess, timeoutMs: number): Promise<Record<string, string>> {
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => fail(`not ready within ${timeoutMs} ms`), timeoutMs);
    const fail = (why: string) => {
      clearTimeout(timer);
      reject(new Error(`The mocks did not start: ${why}.\n${output.slice(-2000)}`));
    };
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const line = output.split('\n').find((candidate) => candidate.startsWith(READY_MARK));
      if (line) {
        clearTimeout(timer);
        child.off('exit', onExit);
        resolve(JSON.parse(line.slice(READY_MARK.length)));
      }
    };
    const onExit = (code: number | null) => fail(`the mock process exited (${code})`);
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.once('exit', onExit);
  });
}

/** Polls until the server answers any HTTP response. */
async function waitUntilAnswering(url: string, attempts = 100): Promise<void> {
  for (let attempt = 0; attempt < attempts; attempt++) {
    try {
      await fetch(url, { signal: AbortSignal.timeout(1_000) }).then((response) =>
        response.body?.cancel(),
      );
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  throw new Error(`${url} does not answer.`);
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 5_000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
