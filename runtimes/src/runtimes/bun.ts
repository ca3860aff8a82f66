import { BINARIES } from './binaries.js';
import { processRuntime } from './process-runtime.js';

/** Bun: the bundle is run as a script that serves the flow (Bun.serve). */
export const bun = processRuntime({
  name: 'bun',
  bundling: { platform: 'neutral', conditions: ['bun'] },
  binary: BINARIES.bun,
  // --no-install: a bundle has nothing to install, and nothing may be downloaded.
  launch: (bundle) => ({ args: ['run', '--no-install', bundle], env: { DO_NOT_TRACK: '1' } }),
});
