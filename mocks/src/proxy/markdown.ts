import type { ConformanceReport } from './report.js';

const cell = (text: string | number) => String(text).replaceAll('|', '\\|').replaceAll('\n', ' ');
const row = (cells: (string | number)[]) => `| ${cells.map(cell).join(' | ')} |`;
const code = (text: string) => `\`${text}\``;

/** The report as a page to read (and to send a provider with the questions it raises). */
export function toMarkdown(report: ConformanceReport): string {
  const { summary } = report;
  const lines = [
    `# Conformance of ${report.api} to its spec`,
    '',
    row([
      'operations seen',
      'conforming',
      'findings',
      'inferred confirmed',
      'inferred contradicted',
      'inferred inconclusive',
      'unmatched requests',
    ]),
    row(['---', '---', '---', '---', '---', '---', '---']),
    row([
      summary.operationsSeen,
      summary.conforming,
      summary.findings,
      summary.confirmed,
      summary.contradicted,
      summary.inconclusive,
      summary.unmatchedRequests,
    ]),
    '',
    '## Operations',
    '',
    row(['operation', 'calls', 'statuses', 'conforms']),
    row(['---', '---', '---', '---']),
    ...report.operations.map((operation) =>
      row([
        `${operation.operation} (${code(`${operation.method} ${operation.path}`)})`,
        operation.calls,
        Object.entries(operation.statuses)
          .map(([status, n]) => `${status}×${n}`)
          .join(', '),
        operation.conforms ? 'yes' : 'no',
      ]),
    ),
  ];
  const findings = report.operations.flatMap((operation) =>
    operation.findings.map((finding) => ({ operation: operation.operation, ...finding })),
  );
  if (findings.length > 0) {
    lines.push(
      '',
      '## Findings',
      '',
      row(['operation', 'in', 'status', 'kind', 'pointer', 'the spec expects', 'seen']),
      row(['---', '---', '---', '---', '---', '---', '---']),
    );
    for (const f of findings) {
      lines.push(
        row([f.operation, f.in, f.status ?? '', f.kind, code(f.pointer), f.expected, f.count]),
      );
    }
  }
  if (report.inferred.length > 0) {
    lines.push(
      '',
      '## Inferred items the traffic exercised',
      '',
      row(['verdict', 'kind', 'item', 'the spec infers', 'evidence']),
      row(['---', '---', '---', '---', '---']),
    );
    for (const item of report.inferred) {
      const evidence = item.evidence.map((e) => `${e.operation} → ${e.detail}`).join('<br>');
      lines.push(row([`**${item.verdict}**`, item.kind, code(item.pointer), item.claim, evidence]));
    }
  }
  if (report.unmatched.length > 0) {
    lines.push(
      '',
      '## Requests no operation of the spec matches',
      '',
      row(['request', 'status', 'count']),
      row(['---', '---', '---']),
    );
    for (const entry of report.unmatched)
      lines.push(row([code(entry.request), entry.status, entry.count]));
  }
  return `${lines.join('\n')}\n`;
}
