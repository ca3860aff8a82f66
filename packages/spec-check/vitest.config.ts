import { telcopayVitestConfig } from '@telcopay/testing/vitest';

export default telcopayVitestConfig();
