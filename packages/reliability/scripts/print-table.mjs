#!/usr/bin/env node
// Runs the fault-injection suite, then prints what it proved: the fault × client matrix
// (outcome class × attempts per cell), the money-safety sequences, the token and secret checks.
// `--no-run` prints the artifacts of the last run instead.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const artifact = (name) => {
  const path = `${root}artifacts/${name}.json`;
  return existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : undefined;
};

let status = 0;
if (!process.argv.includes('--no-run')) {
  // The package's own vitest: no package manager needs to be on the PATH.
  const run = spawnSync(`${root}node_modules/.bin/vitest`, ['run', '--reporter=dot'], {
    cwd: root,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (run.error) {
    console.error(`Could not run the suite (${run.error.message}): no table of an older run.`);
    process.exit(1);
  }
  status = run.status ?? 1;
}

const CLIENTS = {
  'chinchin-cps': 'Chinchin',
  qvatel: 'QvaTel',
  'tigo-b2b-billing': 'Tigo',
  'masstack-partners': 'MasStack',
  'stone-topups': 'Stone',
};
const GROUPS = {
  'unkeyed-money': 'money, no key',
  'keyed-money': 'money, keyed',
  'retry-safe': 'retry-safe',
};
const SHORT = {
  OutcomeUnknownError: 'Unknown',
  ConnectionError: 'Connection',
  TimeoutError: 'Timeout',
  ApiError: 'Api',
  AuthError: 'Auth',
  BusinessError: 'Business',
};

const matrix = artifact('fault-matrix');
if (!matrix) {
  console.error('No artifacts/fault-matrix.json: run the suite first (without --no-run).');
  process.exit(1);
}

// Columns: each client, split by how its operations may be sent again.
const columns = [];
for (const cell of matrix.cells) {
  const key = `${cell.api} ${cell.safety}`;
  let column = columns.find((c) => c.key === key);
  if (!column) {
    column = {
      key,
      client: CLIENTS[cell.api] ?? cell.api,
      group: GROUPS[cell.safety],
      operations: new Set(),
    };
    columns.push(column);
  }
  column.operations.add(cell.operationId);
}
columns.sort(
  (a, b) =>
    Object.keys(CLIENTS).indexOf(a.key.split(' ')[0]) -
    Object.keys(CLIENTS).indexOf(b.key.split(' ')[0]),
);

const faults = Object.keys(matrix.faults);
const label = (cell) =>
  `${SHORT[cell.actual.outcome] ?? cell.actual.outcome}×${cell.actual.attempts}`;
const rows = faults.map((fault) => [
  fault,
  ...columns.map((column) => {
    const cells = matrix.cells.filter(
      (c) => c.fault === fault && `${c.api} ${c.safety}` === column.key,
    );
    const applicable = cells.filter((c) => c.actual);
    if (applicable.length === 0) return 'n/a';
    const failed = applicable.some((c) => c.problems.length > 0) ? '✗ ' : '';
    return failed + [...new Set(applicable.map(label))].join(' / ');
  }),
]);
const header1 = ['', ...columns.map((c) => c.client)];
const header2 = ['fault', ...columns.map((c) => `${c.group} (${c.operations.size})`)];
const widths = header2.map((_, i) =>
  Math.max(...[header1, header2, ...rows].map((r) => r[i].length)),
);
const line = (cells) => cells.map((cell, i) => cell.padEnd(widths[i])).join(' │ ');

console.log('\nFault × client: outcome class × attempts (the client tries at most 3 times)\n');
console.log(line(header1));
console.log(line(header2));
console.log(widths.map((w) => '─'.repeat(w)).join('─┼─'));
for (const row of rows) console.log(line(row));

const applicable = matrix.cells.filter((c) => c.actual);
const failedCells = applicable.filter((c) => c.problems.length > 0);
console.log(
  `\n${matrix.cells.length} cells (${faults.length} faults × ${matrix.cells.length / faults.length} operations of ${Object.keys(CLIENTS).length} clients): ${applicable.length} played, ${matrix.cells.length - applicable.length} n/a, ${failedCells.length} not as expected.`,
);
console.log(
  'n/a: the API has no 2xx failure answer for the operation, or no credential to expire.',
);
const real = matrix.realDeadlines;
if (real) {
  const slowest = Math.max(0, ...real.cells.map((c) => c.actual?.firstArrivalMs ?? 0));
  console.log(
    `Real deadlines (${real.timeoutMs} ms, the rest of the matrix runs on virtual ones): ${real.cells.length} cells (hang, drip × one operation of each kind), ${real.cells.filter((c) => c.problems.length > 0).length} not as expected; the slowest call had its request at the server ${slowest} ms after it started.`,
  );
}
console.log('\nFaults:');
for (const [fault, description] of Object.entries(matrix.faults))
  console.log(`  ${fault.padEnd(17)} ${description}`);

const money = artifact('money-safety');
if (money) {
  console.log(
    `\nMoney safety: seeded fault sequences (seed ${money.seed}), one fresh client each; every fault at every attempt, every fault after every resending one`,
  );
  for (const s of money.summaries) {
    const outcomes = Object.entries(s.outcomes)
      .map(([outcome, count]) => `${SHORT[outcome] ?? outcome} ${count}`)
      .join(', ');
    console.log(
      `  ${`${CLIENTS[s.api]} ${s.operationId}`.padEnd(42)} ${s.sequences} sequences (covering ${s.covered}/${s.required}), ${s.upstreamRequests} requests received, duplicates ${s.duplicates}, key mismatches ${s.keyMismatches}, hangs ${s.hangs}, not as expected ${s.problems.length} (${outcomes})`,
    );
  }
}

const tokens = artifact('tokens');
if (tokens) {
  console.log('\nTokens:');
  for (const f of tokens.findings.filter((f) => f.test === 'expired token, concurrent calls')) {
    console.log(
      `  ${CLIENTS[f.api]}: 100 concurrent calls with an expired token → ${f.tokenRequests} token request`,
    );
  }
  const worst = Math.max(
    ...tokens.findings
      .filter((f) => f.test !== 'expired token, concurrent calls')
      .map((f) => f.tokenRequests),
  );
  console.log(
    `  a failing token endpoint: at most ${worst} token requests per call, the API never reached`,
  );
}

const reports = [matrix, money, tokens].filter(Boolean).map((a) => a.report);
const sum = (field) => reports.reduce((total, report) => total + (field(report) ?? 0), 0);
const duplicates = money
  ? money.summaries.reduce((total, s) => total + s.duplicates, 0)
  : 'not run';
const hangs =
  (money ? money.summaries.reduce((total, s) => total + s.hangs, 0) : 0) +
  applicable.filter((c) => c.actual.outcome === 'hang').length;
console.log('\nTotals');
console.log(`  duplicate money-moving requests without a key: ${duplicates}`);
console.log(
  `  secret hits: ${sum((r) => r.secretHits.length)} (${sum((r) => r.secretsScanned)} secrets searched in ${sum((r) => r.errorsScanned)} errors and ${sum((r) => r.logEntriesScanned)} log entries)`,
);
console.log(`  hangs: ${hangs}`);
console.log(
  `  unhandled rejections: ${sum((r) => r.unhandledRejections)}, sockets left open: ${sum((r) => r.openSockets)}`,
);
process.exit(status || (failedCells.length > 0 ? 1 : 0));
