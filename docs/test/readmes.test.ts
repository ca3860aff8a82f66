import { readFileSync } from 'node:fs';
import { describe, it } from 'vitest';
// @ts-expect-error a plain ES module script without declarations
import {
  apiNames,
  inferredList,
  readmePath,
  withInferredList,
} from '../scripts/readme-inferred.mjs';

// Each client's README (its npm page) lists what its spec infers: the list is generated from the
// spec's `x-inferred` items (node docs/scripts/readme-inferred.mjs), and must be the current one.
describe.each(apiNames() as string[])('the README of @telcopay/%s', (api) => {
  it('lists every x-inferred item of the spec, as the spec says it', ({ expect }) => {
    const readme = readFileSync(readmePath(api), 'utf8');
    expect(inferredList(api)).not.toBe('');
    expect(withInferredList(readme, api), 'run node docs/scripts/readme-inferred.mjs').toBe(readme);
  });
});
