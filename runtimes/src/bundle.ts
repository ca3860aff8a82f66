import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { APPS, type AppName } from './flows/contract.js';
import type { Runtime } from './runtimes/runtime.js';

const sourceDir = fileURLToPath(new URL('.', import.meta.url));

/**
 * Bundles every app for `runtime` into `outDir`, as its users would: one ES module per app, the
 * flow wrapped in the runtime's host. The platform is never Node's, so a client that needed a
 * Node built-in would fail right here.
 */
export async function bundleApps(
  runtime: Runtime,
  outDir: string,
): Promise<Record<AppName, string>> {
  const bundles = await Promise.all(
    APPS.map(async (app) => [app, await bundleApp(runtime, app, outDir)] as const),
  );
  return Object.fromEntries(bundles) as Record<AppName, string>;
}

async function bundleApp(runtime: Runtime, app: AppName, outDir: string): Promise<string> {
  const outfile = join(outDir, `${runtime.name}-${app}.js`);
  await build({
    stdin: {
      contents: [
        `import { flow } from './flows/${app}.js';`,
        `import { host } from './hosts/${runtime.name}.js';`,
        'export default host(flow);',
      ].join('\n'),
      resolveDir: sourceDir,
      sourcefile: `${runtime.name}-${app}.ts`,
      loader: 'ts',
    },
    bundle: true,
    format: 'esm',
    target: 'es2022',
    platform: runtime.bundling.platform,
    conditions: runtime.bundling.conditions,
    mainFields: ['module', 'main'],
    outfile,
    logLevel: 'silent',
  });
  return outfile;
}
