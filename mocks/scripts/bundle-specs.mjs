// Bundles every spec of redocly.yaml into mocks/specs/<api>.yaml (one self-contained file each),
// so the published package carries the exact documents its mocks serve; and each as a JS module
// (specs/<api>.js, loaded by specs/documents.js) for the in-process handlers, which run in browsers.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');
const out = resolve(here, '../specs');
const redocly = createRequire(import.meta.url).resolve('@redocly/cli/bin/cli.js');
// Every decorator of redocly.yaml dresses the docs (badges, safety text, code samples): a mock
// serves the spec as written.
const { apis, decorators = {} } = parse(readFileSync(resolve(root, 'redocly.yaml'), 'utf8'));

mkdirSync(out, { recursive: true });
for (const [name, api] of Object.entries(apis)) {
  execFileSync(
    process.execPath,
    [
      redocly,
      'bundle',
      name,
      ...Object.keys(decorators).map((name) => `--skip-decorator=${name}`),
      '-o',
      resolve(out, `${name}.yaml`),
    ],
    {
      cwd: root,
      stdio: ['ignore', 'ignore', 'inherit'],
      env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
    },
  );
  const document = parse(readFileSync(resolve(out, `${name}.yaml`), 'utf8'));
  writeFileSync(resolve(out, `${name}.js`), `export default ${JSON.stringify(document)};\n`);
  console.log(`bundled ${api.root} → mocks/specs/${name}.yaml, .js`);
}
const loaders = Object.keys(apis).map(
  (name) => `  ${JSON.stringify(name)}: () => import('./${name}.js'),`,
);
writeFileSync(
  resolve(out, 'documents.js'),
  `// Each bundled spec, loaded on demand.\nexport const DOCUMENTS = {\n${loaders.join('\n')}\n};\n`,
);
writeFileSync(
  resolve(out, 'documents.d.ts'),
  'export declare const DOCUMENTS: Record<string, () => Promise<{ default: unknown }>>;\n',
);
