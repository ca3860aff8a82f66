import { telcopayVitestConfig } from '@telcopay/testing/vitest';
import { mergeConfig } from 'vitest/config';
import { RuntimeTableReporter } from './src/table-reporter.js';

// The run's shared mocks (started once, or handed down by the root command), one test file per
// runtime, all four rows at once: most of a row's time is spent waiting on processes.
export default mergeConfig(telcopayVitestConfig({ mocks: true }), {
  test: {
    include: ['test/**/*.test.ts'],
    maxWorkers: 4,
    reporters: ['default', new RuntimeTableReporter()],
  },
});
