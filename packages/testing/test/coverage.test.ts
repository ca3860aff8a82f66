import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { APIS, PROVIDERS } from '@telcopay/mocks';
import { describe, expect, it } from 'vitest';
import { specOperations } from '../src/index.js';

const packages = new URL('../../', import.meta.url);

// The registry (generated from redocly.yaml) is the provider list every suite iterates: a
// provider package it does not list would be skipped silently, so there must be none.
describe('the provider registry', () => {
  it('lists every package that has a generated manifest, and only those', () => {
    const withManifest = readdirSync(packages).filter((name) =>
      existsSync(new URL(`${name}/src/generated/manifest.ts`, packages)),
    );
    expect(withManifest.sort()).toEqual([...APIS].sort());
  });

  it.each(APIS)("holds %s's package manifest", (api) => {
    const manifest = readFileSync(new URL(`${api}/src/generated/manifest.ts`, packages), 'utf8');
    expect(manifest).toContain(`name: '${api}',`);
    expect(manifest).toContain(`mockPort: ${PROVIDERS[api].mockPort},`);
  });
});

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
