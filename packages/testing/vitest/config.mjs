// The vitest config every telcopay package starts from (plain JS: a config file loads it
// before any TypeScript transform).
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const globalSetup = fileURLToPath(new URL('../src/global-setup.ts', import.meta.url));

/**
 * @param {{ mocks?: boolean, typeTests?: boolean }} options
 *   mocks: the package's tests use the run's shared Prism mocks (`mockUrl(api)`);
 *   typeTests: `test/**\/*.test-d.ts` are type tests, run by the package's `typecheck` script
 *   (`vitest run --typecheck.only`), so the one compile of the package also runs them.
 */
export function telcopayVitestConfig({ mocks = false, typeTests = false } = {}) {
  return defineConfig({
    test: {
      // Nothing here may depend on the default 5 s: a busy 2-core machine runs these.
      testTimeout: 60_000,
      hookTimeout: 120_000,
      teardownTimeout: 30_000,
      // A worker runs its test files one after the other in one module graph: the clients,
      // core, undici and the specs load once per worker, not once per file (half of a
      // package's test CPU). Each file makes its own clients and servers; a package whose
      // tests change global state sets `isolate: true` back.
      isolate: false,
      ...(mocks ? { globalSetup: [globalSetup] } : {}),
      ...(typeTests ? { typecheck: { include: ['test/**/*.test-d.ts'] } } : {}),
    },
  });
}
