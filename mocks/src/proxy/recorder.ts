// `--record <dir>`: each observed answer, redacted, as a candidate named example in the shape of
// an OpenAPI `examples` entry, with the spec location it would join and whether it validates
// against the schema there.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Finding } from './findings.js';
import { toPointer } from './findings.js';

export interface CandidateExample {
  operation: string;
  status: number;
  mediaType: string;
  /** JSON pointer of the spec's `examples` map this example would join. */
  joins: string;
  name: string;
  example: { summary: string; value: unknown };
  /** The observed answer, validated against the schema it would join (before redaction). */
  validation: { conforms: boolean; findings: Finding[] };
}

const KEPT_PER_STATUS = 3;

export class Recorder {
  readonly #seen = new Map<string, number>();

  constructor(readonly directory: string) {
    mkdirSync(directory, { recursive: true });
  }

  record(
    operation: { operation: string; method: string; path: string },
    answer: {
      status: number;
      documented: string;
      mediaType: string;
      value: unknown;
      findings: Finding[];
    },
  ): void {
    const key = `${operation.operation}.${answer.status}`;
    const n = (this.#seen.get(key) ?? 0) + 1;
    this.#seen.set(key, n);
    if (n > KEPT_PER_STATUS) return;
    const findings = answer.findings.filter((finding) => finding.in === 'response');
    const candidate: CandidateExample = {
      operation: operation.operation,
      status: answer.status,
      mediaType: answer.mediaType,
      joins: `#${toPointer(['paths', operation.path, operation.method.toLowerCase(), 'responses', answer.documented, 'content', answer.mediaType, 'examples'])}`,
      name: `observed${answer.status}${n > 1 ? `_${n}` : ''}`,
      example: {
        summary: `Observed answer ${answer.status} (recorded by the telcopay proxy, redacted)`,
        value: answer.value,
      },
      validation: {
        conforms: findings.every((finding) => finding.kind === 'undocumented-field'),
        findings,
      },
    };
    writeFileSync(
      join(this.directory, `${key}.${n}.json`),
      `${JSON.stringify(candidate, null, 2)}\n`,
    );
  }
}
