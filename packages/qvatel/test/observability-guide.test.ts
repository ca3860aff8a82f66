import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { context } from '@opentelemetry/api';
import { mockUrl } from '@telcopay/testing';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';

const guide = readFileSync(
  new URL('../../../docs/guides/observability.md', import.meta.url),
  'utf8',
);
const samples = [...guide.matchAll(/```ts\n([\s\S]*?)```/g)].map((match) => match[1] ?? '');
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(import.meta.dirname, '.observability-guide-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it("typechecks the observability guide's sample under strict, as an ES module", async () => {
  expect(samples).toHaveLength(1);
  writeFileSync(join(dir, 'sample.ts'), samples[0] ?? '');
  writeFileSync(
    join(dir, 'tsconfig.json'),
    JSON.stringify({
      extends: '../../../../tsconfig.base.json',
      compilerOptions: { noEmit: true, types: ['node'] },
      files: ['sample.ts'],
    }),
  );
  const result = await promisify(execFile)(process.execPath, [tsc, '-p', dir]).catch(
    (failure: { stdout: string }) => failure,
  );
  expect(result.stdout).toBe('');
}, 120_000);

it("runs the observability guide's sample against the mock: the recharge's spans are printed", async () => {
  // The sample targets the standard mock port; this test's mock runs on a free one.
  const code = (samples[0] ?? '').replace("environment: 'mock'", `baseUrl: '${mockUrl('qvatel')}'`);
  expect(code).not.toBe(samples[0]);
  const file = join(dir, 'run.ts');
  writeFileSync(file, code);
  const printed: unknown[] = [];
  const dirSpy = vi.spyOn(console, 'dir').mockImplementation((span) => printed.push(span));
  try {
    await import(file);
  } finally {
    dirSpy.mockRestore();
    context.disable();
  }
  expect(printed).toMatchObject([
    {
      name: 'POST /recharge/send',
      kind: 2,
      attributes: { 'http.request.method': 'POST', 'http.response.status_code': 200 },
    },
    {
      name: 'qvatel sendRecharge',
      kind: 2,
      attributes: {
        'telcopay.provider': 'qvatel',
        'telcopay.safety': 'unkeyed-money',
        'telcopay.outcome': 'ok',
        'telcopay.attempts': 1,
      },
    },
  ]);
  expect(JSON.stringify(printed)).not.toContain('mock-token-not-a-secret');
});
