import type { Reporter, TestCase, TestModule } from 'vitest/node';
import { APPS, type AppName } from './flows/contract.js';
import { RUNTIME_NAMES, type RuntimeName } from './runtimes/runtime.js';

interface CellResult {
  /** ✓ and the cell's duration, or ✗. */
  mark: string;
  /** The first line of a failed cell's error. */
  error?: string;
}

interface Row {
  runtime: RuntimeName;
  version?: string | undefined;
  cells: Map<AppName, CellResult>;
}

/** Prints the runtime × app table after vitest's own report, with each failing cell's error. */
export class RuntimeTableReporter implements Reporter {
  onTestRunEnd(modules: ReadonlyArray<TestModule>): void {
    const rows = collectRows(modules);
    if (rows.length === 0) return;
    const cells = rows.flatMap((row) => [...row.cells.values()]);
    const failed = cells.filter((cell) => cell.error !== undefined).length;
    console.log(
      [
        '',
        `Runtime matrix: ${rows.map((row) => `${row.runtime} ${row.version ?? '(not started)'}`).join(', ')}`,
        '',
        ...renderTable(rows),
        '',
        ...rows.flatMap(renderFailures),
        failed === 0
          ? `All ${cells.length} cells passed.`
          : `${failed} of ${cells.length} cells failed.`,
      ].join('\n'),
    );
  }
}

/** The matrix's tests by runtime (the describe block) and app (the test); other tests are not cells. */
function collectRows(modules: ReadonlyArray<TestModule>): Row[] {
  const rows = new Map<string, Row>(
    RUNTIME_NAMES.map((runtime) => [runtime, { runtime, cells: new Map() }]),
  );
  for (const test of modules.flatMap((module) => [...module.children.allTests()])) {
    const row = test.parent.type === 'suite' ? rows.get(test.parent.name) : undefined;
    if (!row || !APPS.includes(test.name as AppName)) continue;
    row.cells.set(test.name as AppName, resultOf(test));
    row.version ??= test.meta().runtimeVersion;
  }
  return [...rows.values()].filter((row) => row.cells.size > 0);
}

function resultOf(test: TestCase): CellResult {
  const result = test.result();
  if (result.state === 'passed') {
    const seconds = (test.diagnostic()?.duration ?? 0) / 1000;
    return { mark: `✓ ${seconds.toFixed(1)}s` };
  }
  // A row whose runtime did not start has its error on the suite.
  const errors = [
    ...(result.errors ?? []),
    ...(test.parent.type === 'suite' ? test.parent.errors() : []),
    ...test.module.errors(),
  ];
  return { mark: '✗', error: errors[0]?.message.split('\n')[0] ?? `not run (${result.state})` };
}

function renderTable(rows: Row[]): string[] {
  const table = [
    ['', ...APPS],
    ...rows.map((row) => [row.runtime, ...APPS.map((app) => row.cells.get(app)?.mark ?? '–')]),
  ];
  const widths = table[0]?.map((_, column) =>
    Math.max(...table.map((line) => line[column]?.length ?? 0)),
  );
  return table.map((line) =>
    line
      .map((text, column) => text.padEnd(widths?.[column] ?? 0))
      .join('  ')
      .trimEnd(),
  );
}

/** One line per error of a row, naming its apps: a row that did not start says so once. */
function renderFailures(row: Row): string[] {
  const appsByError = new Map<string, AppName[]>();
  for (const [app, { error }] of row.cells) {
    if (error !== undefined) appsByError.set(error, [...(appsByError.get(error) ?? []), app]);
  }
  return [...appsByError].map(([error, apps]) => `✗ ${row.runtime} × ${apps.join(', ')}: ${error}`);
}
