import { defineConfig } from 'vitest/config';

// Real Chromium rendering Redoc pages: each test opens and hydrates a ~300 kB page.
export default defineConfig({ test: { testTimeout: 60_000, hookTimeout: 60_000 } });
