// `pnpm bench`: every benchmark, one table. `--short` runs each with tiny iteration counts and
// skips the multi-minute build and test timings: the test command runs it to check that the
// benchmarks work, not to measure anything.
import { measureBuildAndTest, skippedBuildAndTest } from './build.mjs';
import { measureProviderBundles, measureSdkBundle } from './bundles.mjs';
import { describeMachine } from './machine.mjs';
import { MOCK_RUNS, measureMockStartup } from './mocks.mjs';
import { measureOverhead, OVERHEAD_ITERATIONS } from './overhead.mjs';
import { renderTable } from './table.mjs';
import { measureTelemetryOverhead } from './telemetry.mjs';

const mode = process.argv.includes('--short') ? 'short' : 'full';
// `--only <word>`: only the benchmarks whose name contains it (`--only bundle`: both bundle sizes).
const onlyIndex = process.argv.indexOf('--only');
const only = onlyIndex === -1 ? undefined : process.argv[onlyIndex + 1];

const BENCHMARKS = [
  ['client overhead', () => measureOverhead(OVERHEAD_ITERATIONS[mode])],
  ['telemetry overhead', () => measureTelemetryOverhead(OVERHEAD_ITERATIONS[mode].inProcess)],
  ['mock start-up', () => measureMockStartup(MOCK_RUNS[mode])],
  ['bundle size', measureProviderBundles],
  ['build and test', mode === 'full' ? measureBuildAndTest : skippedBuildAndTest],
  // Last: the SDK is the newest package.
  ['SDK bundle size', measureSdkBundle],
];

const started = performance.now();
const rows = [];
for (const [name, measure] of BENCHMARKS) {
  if (only !== undefined && !name.includes(only)) continue;
  const benchmarkStarted = performance.now();
  rows.push(...(await measure()));
  console.error(`${name}: ${((performance.now() - benchmarkStarted) / 1000).toFixed(1)} s`);
}

console.log(`telcopay benchmarks (${mode} mode) on ${describeMachine()}`);
console.log();
// Short-mode figures come from a handful of iterations: no target is judged on them.
console.log(renderTable(mode === 'short' ? rows.map(({ met, ...row }) => row) : rows));
console.log();
const seconds = ((performance.now() - started) / 1000).toFixed(0);
if (mode === 'short') {
  console.log(`Short mode (${seconds} s): every benchmark ran; its figures are not measurements.`);
} else {
  const met = rows.filter((row) => row.met === true).length;
  const missed = rows.filter((row) => row.met === false).length;
  console.log(`${met} targets met, ${missed} missed; ${seconds} s.`);
}
