// The conformance report: per operation seen, its calls, statuses, findings; per inferred item
// the traffic exercised, its verdict with the evidence. It holds no request or answer value,
// only statuses, JSON pointers and the spec's own words.
import type { Finding } from './findings.js';
import type { InferredItem, Judgement, Verdict } from './inferred.js';

export interface OperationReport {
  operation: string;
  method: string;
  path: string;
  calls: number;
  statuses: Record<string, number>;
  /** No finding that breaks the spec (an undocumented field alone does not). */
  conforms: boolean;
  findings: (Finding & { status: number | undefined; count: number })[];
}

export interface Evidence {
  operation: string;
  status: number;
  detail: string;
}

export interface InferredReport extends InferredItem {
  verdict: Verdict;
  evidence: Evidence[];
}

export interface ConformanceReport {
  api: string;
  summary: {
    operationsSeen: number;
    conforming: number;
    findings: number;
    confirmed: number;
    contradicted: number;
    inconclusive: number;
    unmatchedRequests: number;
  };
  operations: OperationReport[];
  inferred: InferredReport[];
  /** Requests that match no operation of the spec (paths with their ids hidden). */
  unmatched: { request: string; status: number; count: number }[];
}

const EVIDENCE_KEPT = 5;

export class ReportBuilder {
  readonly #operations = new Map<string, OperationReport>();
  readonly #inferred = new Map<string, InferredReport>();
  readonly #unmatched = new Map<string, ConformanceReport['unmatched'][number]>();

  constructor(readonly api: string) {}

  addExchange(
    operation: Pick<OperationReport, 'operation' | 'method' | 'path'>,
    status: number,
    findings: Finding[],
  ): void {
    const key = `${operation.method} ${operation.path}`;
    const entry = this.#operations.get(key) ?? {
      ...operation,
      calls: 0,
      statuses: {},
      conforms: true,
      findings: [],
    };
    this.#operations.set(key, entry);
    entry.calls += 1;
    entry.statuses[status] = (entry.statuses[status] ?? 0) + 1;
    for (const finding of findings) {
      const at = finding.in === 'response' ? status : undefined;
      const same = entry.findings.find(
        (known) =>
          known.status === at &&
          known.pointer === finding.pointer &&
          known.expected === finding.expected,
      );
      if (same) same.count += 1;
      else entry.findings.push({ ...finding, status: at, count: 1 });
      if (finding.kind !== 'undocumented-field') entry.conforms = false;
    }
  }

  addJudgement(item: InferredItem, evidence: Evidence & Judgement): void {
    const entry = this.#inferred.get(item.pointer) ?? {
      ...item,
      verdict: 'inconclusive',
      evidence: [],
    };
    this.#inferred.set(item.pointer, entry);
    entry.verdict = strongest(entry.verdict, evidence.verdict);
    const { verdict, ...kept } = evidence;
    const known = entry.evidence.some(
      (e) => e.operation === kept.operation && e.detail === kept.detail,
    );
    if (!known && entry.evidence.length < EVIDENCE_KEPT)
      entry.evidence.push({ ...kept, detail: `${verdict}: ${kept.detail}` });
  }

  addUnmatched(request: string, status: number): void {
    const key = `${request} ${status}`;
    const entry = this.#unmatched.get(key) ?? { request, status, count: 0 };
    this.#unmatched.set(key, entry);
    entry.count += 1;
  }

  build(): ConformanceReport {
    const operations = [...this.#operations.values()];
    const inferred = [...this.#inferred.values()];
    const count = (verdict: Verdict) => inferred.filter((item) => item.verdict === verdict).length;
    return structuredClone({
      api: this.api,
      summary: {
        operationsSeen: operations.length,
        conforming: operations.filter((operation) => operation.conforms).length,
        findings: operations.reduce((sum, operation) => sum + operation.findings.length, 0),
        confirmed: count('confirmed'),
        contradicted: count('contradicted'),
        inconclusive: count('inconclusive'),
        unmatchedRequests: [...this.#unmatched.values()].reduce(
          (sum, entry) => sum + entry.count,
          0,
        ),
      },
      operations,
      inferred,
      unmatched: [...this.#unmatched.values()],
    });
  }
}

/** One contradiction outweighs any number of confirmations; a confirmation, an inconclusive answer. */
function strongest(a: Verdict, b: Verdict): Verdict {
  const rank: Record<Verdict, number> = { inconclusive: 0, confirmed: 1, contradicted: 2 };
  return rank[a] >= rank[b] ? a : b;
}
