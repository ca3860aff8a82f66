import { telcopayVitestConfig } from '../testing/vitest/config.mjs';

export default telcopayVitestConfig();
