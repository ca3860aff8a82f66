#!/usr/bin/env node
// Scaffolds a new provider from its spec: registers the spec in redocly.yaml, writes
// packages/<name> (client on the generated operation table, auth stub, contract suite), then
// generates its types, operation table and manifest, and the provider registry.
//
//   pnpm new-provider <name> [--spec path/to/openapi.yaml]
//
// Without --spec, specs/<name>/openapi.yaml must exist. A spec without `info.x-telcopay` gets
// the next free mock port and one credential per security scheme.
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse, parseDocument } from 'yaml';
import { packageFiles } from './scaffold/files.mjs';
import { completeRequestIds } from './scaffold/request-ids.mjs';
import { specCredentials, specOperations } from './scaffold/spec-facts.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const [name, ...rest] = process.argv.slice(2).filter((arg) => arg !== '--');
const specOption = rest.indexOf('--spec');
// pnpm runs the script in the root: a relative --spec is relative to where it was typed.
const typedIn = process.env.INIT_CWD ?? process.cwd();
const source = specOption >= 0 ? resolve(typedIn, rest[specOption + 1] ?? '') : undefined;

/** Writes redocly.yaml back as it was written: `[a, b]` flows, no refolded lines. */
const YAML_STYLE = { flowCollectionPadding: false, lineWidth: 0 };
const usage = 'usage: pnpm new-provider <name> [--spec path/to/openapi.yaml]';
if (!/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/.test(name ?? '')) stop(`${usage}\n<name> is kebab-case.`);
const specFile = join(root, 'specs', name, 'openapi.yaml');
const packageDir = join(root, 'packages', name);
const redoclyFile = join(root, 'redocly.yaml');
const redocly = parseDocument(readFileSync(redoclyFile, 'utf8'));
if (redocly.hasIn(['apis', name])) stop(`${name} is already in redocly.yaml.`);
if (existsSync(packageDir)) stop(`packages/${name} already exists.`);
if (source) {
  mkdirSync(dirname(specFile), { recursive: true });
  copyFileSync(source, specFile);
}
if (!existsSync(specFile)) stop(`Write specs/${name}/openapi.yaml first, or pass --spec.`);

completeTelcopayInfo();
writeFileSync(specFile, completeRequestIds(readFileSync(specFile, 'utf8')));
redocly.setIn(['apis', name], {
  root: `./specs/${name}/openapi.yaml`,
  'x-openapi-ts': { output: `./packages/${name}/src/generated/schema.ts` },
});
writeFileSync(redoclyFile, redocly.toString(YAML_STYLE));

const spec = parse(readFileSync(specFile, 'utf8'));
const files = packageFiles({
  name,
  description: `Typed client for ${spec.info.title}.`,
  operations: specOperations(spec),
  credentials: specCredentials(spec),
});
for (const [file, content] of Object.entries(files)) {
  mkdirSync(dirname(join(packageDir, file)), { recursive: true });
  writeFileSync(join(packageDir, file), content);
}
// Its own generated files, and the registry that lists it.
run(process.execPath, [join(root, 'scripts/generate.mjs'), name]);
const biome = createRequire(import.meta.url).resolve('@biomejs/biome/bin/biome');
run(process.execPath, [biome, 'check', '--write', '--log-level=error', packageDir]);
console.log(`
scaffolded packages/${name} from specs/${name}/openapi.yaml. Next:
  pnpm install                     link the new package
  pnpm lint:specs                  until the spec is clean
  pnpm --filter @telcopay/${name}... build && pnpm --filter @telcopay/${name} test
then write its input mapping and quirks in src/client.ts and its auth in src/auth.ts.`);

/**
 * Adds `info.x-telcopay` where the spec lacks it: the next free mock port, and one credential
 * per security scheme. Inserted as text at the end of `info`, so the rest stays as written.
 */
function completeTelcopayInfo() {
  const text = readFileSync(specFile, 'utf8');
  const document = parseDocument(text);
  if (document.hasIn(['info', 'x-telcopay'])) return;
  const ports = Object.values(redocly.toJS().apis ?? {}).map((api) => {
    const other = parse(readFileSync(join(root, api.root), 'utf8'));
    return other.info?.['x-telcopay']?.mockPort ?? 0;
  });
  const credentials = specCredentials(document.toJS()).map(({ option }) => option);
  const block = [
    '  x-telcopay:',
    `    mockPort: ${Math.max(4009, ...ports) + 1}`,
    `    credentials: [${credentials.join(', ')}]`,
    '',
  ].join('\n');
  const end = document.get('info', true).range[1];
  const at = text.lastIndexOf('\n', end - 1) + 1 === end ? end : text.indexOf('\n', end) + 1;
  writeFileSync(specFile, `${text.slice(0, at)}${block}${text.slice(at)}`);
}

function run(command, args) {
  execFileSync(command, args, { cwd: root, stdio: 'inherit' });
}

function stop(message) {
  console.error(message);
  process.exit(2);
}
