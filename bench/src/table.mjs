// The one table `pnpm bench` prints: every figure beside the reference it was measured against
// in the same run, their ratio, the target and whether it was met. Printed as Markdown, so the
// same text reads in a terminal and goes into docs/benchmarks.md as it is.

/**
 * One figure. `value` and `reference` are display strings; `ratio` is value ÷ reference;
 * `met` is true/false where a target applies and undefined otherwise.
 * @typedef {{ section: string, name: string, value: string, reference?: string,
 *   ratio?: number, target?: string, met?: boolean, note?: string }} Row
 */

export const formatMicros = (micros) => `${micros.toFixed(1)} µs`;
export const formatMillis = (ms) =>
  ms < 10_000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
/** Sizes in kB of 1 000 bytes, the stricter reading of the targets. */
export const formatBytes = (bytes) => `${(bytes / 1000).toFixed(2)} kB`;

const COLUMNS = ['Benchmark', 'Figure', 'Value', 'Reference', 'Ratio', 'Target', 'Result', 'Note'];

function verdict(met) {
  if (met === undefined) return '';
  return met ? 'met' : '**MISSED**';
}

function cells(row) {
  return [
    row.section,
    row.name,
    row.value,
    row.reference ?? '',
    row.ratio === undefined || !Number.isFinite(row.ratio) ? '' : `${row.ratio.toFixed(3)}×`,
    row.target ?? '',
    verdict(row.met),
    row.note ?? '',
  ].map((cell) => cell.replaceAll('|', '\\|'));
}

/** The rows as an aligned Markdown table. */
export function renderTable(rows) {
  const lines = [COLUMNS, ...rows.map(cells)];
  const widths = COLUMNS.map((_, column) =>
    Math.max(3, ...lines.map((line) => [...(line[column] ?? '')].length)),
  );
  const render = (line) =>
    `| ${line.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join(' | ')} |`;
  return [
    render(COLUMNS),
    `| ${widths.map((width) => '-'.repeat(width)).join(' | ')} |`,
    ...lines.slice(1).map(render),
  ].join('\n');
}
