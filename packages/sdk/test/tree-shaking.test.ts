import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { mockUrl } from '@telcopay/testing';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CREDENTIALS } from './credentials.js';

const run = promisify(execFile);
const sdkDir = resolve(import.meta.dirname, '..');
const require = createRequire(import.meta.url);

/** Each provider: its option (and factory) name, and the folder of its client package. */
const PROVIDERS = {
  'chinchin-cps': 'chinchinCps',
  qvatel: 'qvatel',
  'tigo-b2b-billing': 'tigoB2bBilling',
  'masstack-partners': 'masstackPartners',
  'stone-topups': 'stoneTopups',
} as const;
type Provider = keyof typeof PROVIDERS;

function packageDir(provider: Provider): string {
  return dirname(require.resolve(`@telcopay/${provider}/package.json`));
}

/**
 * A program that imports the SDK as a user does and uses one provider: it prints the facade's
 * capabilities and, given a base URL, sends a top-up through it (QvaTel only).
 */
function entryUsing(provider: Provider): string {
  const key = PROVIDERS[provider];
  const options = JSON.stringify(CREDENTIALS[key]);
  return [
    `import { createTelcopay, ${key} } from '@telcopay/sdk';`,
    'const baseUrl = process.argv[2];',
    `const telcopay = createTelcopay({ environment: 'mock', ${key}: ${key}({ ...${options}, ...(baseUrl ? { baseUrl } : {}) }) });`,
    'console.log(JSON.stringify(telcopay.capabilities()));',
    'if (baseUrl) {',
    `  const result = await telcopay.topups.send({ provider: 'qvatel', destination: '52942387', amount: { amountMinor: 2000, currency: 'CUP' } });`,
    '  console.log(result.reference);',
    '}',
  ].join('\n');
}

let outDir: string;
beforeAll(() => {
  outDir = mkdtempSync(join(tmpdir(), 'telcopay-tree-shaking-'));
});
afterAll(() => {
  rmSync(outDir, { recursive: true, force: true });
});

async function bundle(provider: Provider) {
  return bundleEntry(provider, entryUsing(provider));
}

/** The bundle of `contents` (a module importing the packages as a user does), and its inputs. */
async function bundleEntry(name: string, contents: string) {
  const outfile = join(outDir, `${name}.mjs`);
  const result = await build({
    stdin: {
      contents,
      resolveDir: sdkDir,
      sourcefile: 'entry.ts',
      loader: 'ts',
    },
    absWorkingDir: sdkDir,
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'node',
    metafile: true,
    outfile,
    logLevel: 'silent',
  });
  // Every module that went into the bundle, even one that only re-exports (0 bytes).
  const inputs = Object.values(result.metafile.outputs).flatMap((output) =>
    Object.keys(output.inputs).map((input) => resolve(sdkDir, input)),
  );
  return { outfile, inputs };
}

describe('a bundle of a program that uses one provider through the SDK', () => {
  it.each(Object.keys(PROVIDERS) as Provider[])(
    'with %s holds no other provider’s client',
    async (provider) => {
      const { outfile, inputs } = await bundle(provider);
      const from = (dir: string) => inputs.filter((input) => input.startsWith(`${dir}/`));
      expect(from(packageDir(provider)).length).toBeGreaterThan(0);
      for (const other of Object.keys(PROVIDERS) as Provider[]) {
        if (other !== provider) expect(from(packageDir(other)), other).toEqual([]);
      }
      // jose signs Stone's assertions: nothing else may carry it.
      const jose = inputs.filter((input) => /[\\/]node_modules[\\/]jose[\\/]/.test(input));
      expect(jose.length > 0).toBe(provider === 'stone-topups');

      const { stdout } = await run(process.execPath, [outfile]);
      expect(JSON.parse(stdout)).toMatchObject([
        { provider: PROVIDERS[provider], packageName: provider },
      ]);
    },
  );

  it('with qvatel holds nothing but the SDK’s own modules beyond the QvaTel client’s', async () => {
    const viaSdk = await bundleEntry('sdk-qvatel', entryUsing('qvatel'));
    const clientOnly = await bundleEntry(
      'qvatel-client',
      "import { createQvatelClient } from '@telcopay/qvatel';\nconsole.log(createQvatelClient);",
    );
    const sdkOwn = (input: string) =>
      input.startsWith(`${sdkDir}/dist/`) || input.endsWith('entry.ts');
    const added = viaSdk.inputs.filter(
      (input) => !sdkOwn(input) && !clientOnly.inputs.includes(input),
    );
    expect(added).toEqual([]);
    expect(viaSdk.inputs.filter(sdkOwn).length).toBeGreaterThan(0);
  });

  it('still tops up (QvaTel, against its mock)', async () => {
    const { outfile } = await bundle('qvatel');
    const { stdout } = await run(process.execPath, [outfile, mockUrl('qvatel')]);
    expect(stdout.trim().split('\n').at(-1)).toBe('qvatel-23479287356');
  });
});
