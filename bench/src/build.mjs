// Build and test times at the repository root, as a developer runs them: a cold `pnpm build`
// (turbo's cache ignored), a warm one (every task a cache hit), and the README's test command
// with turbo's cache ignored (what a fresh clone or CI pays). Multi-minute: full mode only.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { median } from './stats.mjs';
import { formatMillis } from './table.mjs';

const SECTION = 'build and test (wall)';
const WARM_TARGET_MS = 2_000;
const WARM_RUNS = 3;
const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Runs a command at the root: its wall time, the tail of its output, and its exit code. */
function timeCommand(command, args, env = {}) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(command, args, {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const keep = (chunk) => {
      output = (output + chunk).slice(-8_000);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    child.once('error', reject);
    child.once('exit', (code) => resolve({ elapsed: performance.now() - started, output, code }));
  });
}

/** turbo's summary line: how many of the run's tasks were cache hits. */
function cacheHits(run) {
  const match = /Cached:\s+(\d+) cached, (\d+) total/.exec(run.output);
  return match ? { cached: Number(match[1]), total: Number(match[2]) } : undefined;
}

/** A failed command is a figure too: its row says so, and its output goes to stderr. */
function failure(label, run) {
  if (run.code === 0) return undefined;
  console.error(`${label} failed (exit ${run.code}); the end of its output:\n${run.output}`);
  return `FAILED (exit ${run.code})`;
}

export async function measureBuildAndTest() {
  const cold = await timeCommand('pnpm', ['turbo', 'run', 'build', '--force']);
  const warmRuns = [];
  for (let run = 0; run < WARM_RUNS; run++) {
    warmRuns.push(await timeCommand('pnpm', ['turbo', 'run', 'build']));
  }
  const test = await timeCommand('pnpm', ['test'], { TURBO_FORCE: 'true' });
  const versusCold = `${formatMillis(cold.elapsed)} (cold build)`;
  return [
    {
      section: SECTION,
      name: 'cold `pnpm turbo run build --force`',
      value: formatMillis(cold.elapsed),
      note: failure('cold build', cold),
    },
    warmRow(warmRuns, versusCold, cold.elapsed),
    {
      section: SECTION,
      name: '`pnpm test`, turbo cache ignored (TURBO_FORCE=true)',
      value: formatMillis(test.elapsed),
      reference: versusCold,
      ratio: test.elapsed / cold.elapsed,
      note: failure('test command', test),
    },
  ];
}

/**
 * The warm build: the median of the runs that were full cache hits. A run that rebuilt something
 * (a file changed meanwhile) is not a cache hit; when no run was one, the row says so.
 */
function warmRow(runs, reference, coldElapsed) {
  const failed = runs.map((run) => failure('warm build', run)).find(Boolean);
  const hits = runs.filter((run) => {
    const summary = cacheHits(run);
    return run.code === 0 && summary !== undefined && summary.cached === summary.total;
  });
  const measured = hits.length > 0 ? hits : runs;
  const elapsed = median(measured.map((run) => run.elapsed));
  const summaries = runs.map((run) => {
    const summary = cacheHits(run);
    return summary ? `${summary.cached}/${summary.total}` : '?';
  });
  return {
    section: SECTION,
    name: 'warm `pnpm turbo run build` (cache hit)',
    value: formatMillis(elapsed),
    reference,
    ratio: elapsed / coldElapsed,
    target: `≤ ${formatMillis(WARM_TARGET_MS)}`,
    met: !failed && hits.length > 0 && elapsed <= WARM_TARGET_MS,
    note:
      failed ??
      `median of ${measured.length} of ${runs.length} runs; tasks cached per run: ${summaries.join(', ')}${hits.length === 0 ? ' (no full cache hit: files changed during the run)' : ''}`,
  };
}

/** The rows of the short mode, which does not run these. */
export function skippedBuildAndTest() {
  return [
    {
      section: SECTION,
      name: 'cold and warm build, test command',
      value: 'skipped',
      note: 'short mode: run `pnpm bench` for these',
    },
  ];
}
