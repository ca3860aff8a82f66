import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

/**
 * Where the npm packages `bun`, `deno` and `workerd` put their binary. Their postinstall takes
 * it from the platform's optional package (npm registry only); pnpm runs it only for packages
 * in the root package.json's `pnpm.onlyBuiltDependencies`.
 */
export const BINARIES = {
  bun: () => binary('bun', join(packageDir('bun'), 'bin', 'bun.exe')),
  deno: () => binary('deno', join(packageDir('deno'), 'deno')),
  workerd: () => binary('workerd', (require('workerd') as { default: string }).default),
};

/** workerd's newest compatibility date: the worker runs with today's semantics. */
export const WORKERD_COMPATIBILITY_DATE = (require('workerd') as { compatibilityDate: string })
  .compatibilityDate;

function packageDir(name: string): string {
  return dirname(require.resolve(`${name}/package.json`));
}

function binary(name: string, path: string): string {
  if (!existsSync(path)) {
    throw new Error(
      `No ${name} binary at ${path}: its postinstall did not run. Add "${name}" to ` +
        'pnpm.onlyBuiltDependencies in the root package.json and run pnpm install again.',
    );
  }
  return path;
}
