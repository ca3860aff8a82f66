import { telcopayVitestConfig } from '@telcopay/testing/vitest';
import { mergeConfig } from 'vitest/config';

// Two processes: the repository's check beside the scratch-copy tests (both CPU bound).
export default mergeConfig(telcopayVitestConfig(), { test: { maxWorkers: 2 } });
