import { telcopayVitestConfig } from '../packages/testing/vitest/config.mjs';

export default telcopayVitestConfig();
