import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { mockUrl } from '@telcopay/testing';
import { expect, it, vi } from 'vitest';

const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');
const sample = /```ts title="qvatel-usage"\n([\s\S]*?)```/.exec(readme)?.[1];

it("runs the README's usage sample against the mock", async () => {
  expect(sample, 'the README has a ts block titled qvatel-usage').toBeDefined();
  // The sample targets the standard mock port; this test's mock runs on a free one.
  const code = (sample ?? '').replace("environment: 'mock'", `baseUrl: '${mockUrl('qvatel')}'`);
  expect(code).not.toBe(sample);
  const dir = mkdtempSync(join(import.meta.dirname, '.readme-'));
  const file = join(dir, 'sample.ts');
  writeFileSync(file, code);
  const log = vi.spyOn(console, 'log').mockImplementation(() => {});
  try {
    await import(file);
    expect(log.mock.calls.map((args) => args.join(' '))).toEqual([
      'recharge qvatel-23479287356 sent to +5352942387',
      'status: Recargado',
    ]);
  } finally {
    log.mockRestore();
    rmSync(dir, { recursive: true, force: true });
  }
});
