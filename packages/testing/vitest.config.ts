import { telcopayVitestConfig } from './vitest/config.mjs';

export default telcopayVitestConfig();
