import { mergeConfig } from 'vitest/config';
import { telcopayVitestConfig } from '../packages/testing/vitest/config.mjs';

// The shared mock host (the test command's, else one for this run). Every test file at once:
// the isolation pair (test/isolation-*.test.ts) must overlap in time against that one host.
export default mergeConfig(telcopayVitestConfig({ mocks: true }), {
  test: { maxWorkers: 8 },
});
