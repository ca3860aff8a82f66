// Mock start-up: the wall time until all five mocks answer HTTP, startMocks() (Prism loaded once,
// all five servers in one process) against five `prism mock` CLIs started one after another,
// which is how the mocks would be started without @telcopay/mocks.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { APIS, specPath, startMocks } from '@telcopay/mocks';
import { freePort, startProcess, stopProcess, waitUntilAnswering } from './processes.mjs';
import { median } from './stats.mjs';
import { formatMillis } from './table.mjs';

const SECTION = 'mock start-up (wall)';
const TARGET_MS = 3_000;
const ANSWER_TIMEOUT_MS = 60_000;

/** Full: three runs of each; short: one run, and one CLI instead of five. */
export const MOCK_RUNS = {
  full: { runs: 3, cliApis: APIS },
  short: { runs: 1, cliApis: APIS.slice(0, 1) },
};

const require = createRequire(import.meta.url);
const prismPackage = require.resolve('@stoplight/prism-cli/package.json');
const prismBin = join(dirname(prismPackage), require(prismPackage).bin.prism);

export async function measureMockStartup({ runs, cliApis }) {
  const inOneProcess = [];
  const clis = [];
  for (let run = 0; run < runs; run++) {
    // Alternated, so neither always runs on a machine the other has just warmed up.
    if (run % 2 === 0) inOneProcess.push(await timeStartMocks());
    clis.push(await timePrismClis(cliApis));
    if (run % 2 === 1) inOneProcess.push(await timeStartMocks());
  }
  const oneProcessMs = median(inOneProcess);
  const clisMs = median(clis);
  const allFive = cliApis.length === APIS.length;
  const cliLabel = `${cliApis.length} × \`prism mock\` CLI, one after another`;
  return [
    {
      section: SECTION,
      name: `startMocks(): all ${APIS.length} in one process`,
      value: formatMillis(oneProcessMs),
      reference: `${formatMillis(clisMs)} (${cliLabel})`,
      ratio: oneProcessMs / clisMs,
      target: `≤ ${formatMillis(TARGET_MS)}`,
      met: oneProcessMs <= TARGET_MS,
      note: `median of ${runs}`,
    },
    {
      section: SECTION,
      name: cliLabel,
      value: formatMillis(clisMs),
      reference: `${formatMillis(oneProcessMs)} (startMocks)`,
      ratio: clisMs / oneProcessMs,
      ...(allFive
        ? { target: `≤ ${formatMillis(TARGET_MS)}`, met: clisMs <= TARGET_MS }
        : { note: `short mode: ${cliApis.length} of ${APIS.length} CLIs` }),
    },
  ];
}

async function timeStartMocks() {
  const started = performance.now();
  const mocks = await startMocks({ ports: 'free' });
  const elapsed = performance.now() - started;
  await mocks.stop();
  return elapsed;
}

async function timePrismClis(apis) {
  const children = [];
  try {
    const started = performance.now();
    for (const api of apis) {
      const port = await freePort();
      const child = startProcess(
        process.execPath,
        [prismBin, 'mock', '--errors', '-h', '127.0.0.1', '-p', String(port), specPath(api)],
        { stdio: 'ignore' },
      );
      children.push(child);
      await Promise.race([
        waitUntilAnswering(`http://127.0.0.1:${port}`, ANSWER_TIMEOUT_MS),
        new Promise((_, reject) =>
          child.once('exit', (code) => reject(new Error(`prism mock ${api} exited (${code})`))),
        ),
      ]);
    }
    return performance.now() - started;
  } finally {
    await Promise.all(children.map(stopProcess));
  }
}
