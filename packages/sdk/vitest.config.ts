import { telcopayVitestConfig } from '@telcopay/testing/vitest';
import { mergeConfig } from 'vitest/config';

export default mergeConfig(telcopayVitestConfig({ mocks: true, typeTests: true }), {
  // Packs the published packages once for consumer.test.ts and release.test.ts.
  test: { globalSetup: ['test/pack.global-setup.ts'] },
});
