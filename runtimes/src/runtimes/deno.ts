import { join } from 'node:path';
import { BINARIES } from './binaries.js';
import { processRuntime } from './process-runtime.js';

/**
 * Deno: the bundle is run as a script that serves the flow (Deno.serve), with one permission,
 * the network on 127.0.0.1: a client needs no file, environment or other access.
 */
export const deno = processRuntime({
  name: 'deno',
  bundling: { platform: 'neutral', conditions: ['deno'] },
  binary: BINARIES.deno,
  launch: (bundle, workDir) => ({
    args: ['run', '--no-prompt', '--allow-net=127.0.0.1', bundle],
    env: { DENO_NO_UPDATE_CHECK: '1', DENO_DIR: join(workDir, 'deno-cache'), NO_COLOR: '1' },
  }),
});
