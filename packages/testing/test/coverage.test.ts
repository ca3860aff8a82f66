import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { APIS } from '@telcopay/mocks';
import { describe, expect, it } from 'vitest';
import { specOperations } from '../src/index.js';

const packages = new URL('../../', import.meta.url);

// describeContract itself fails when a suite lacks a call for one of its spec's operations; this
// test makes sure no spec is left without a contract suite in the first place.
describe.each(APIS)('%s', (api) => {
  const suite = new URL(`${api}/test/contract.test.ts`, packages);

  it('has a contract suite in its package', () => {
    expect(existsSync(suite), `${suite.pathname} is missing`).toBe(true);
    const source = readFileSync(suite, 'utf8');
    expect(source).toContain('describeContract');
    expect(source).toContain(`api: '${api}'`);
  });

  it('names a contract call for every operationId of its spec', () => {
    // The calls may live in the suite or in a fixture module beside it.
    const folder = new URL(`${api}/test/`, packages);
    const source = readdirSync(folder)
      .filter((file) => file.endsWith('.ts'))
      .map((file) => readFileSync(new URL(file, folder), 'utf8'))
      .join('\n');
    const missing = specOperations(api)
      .map((operation) => operation.operationId)
      .filter((operationId) => !new RegExp(`\\b${operationId}\\s*:`).test(source));
    expect(missing).toEqual([]);
  });
});
