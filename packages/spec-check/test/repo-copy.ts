// A scratch copy of what the check reads (the specs and their snapshots, the changesets, the
// workspace's package.json files, redocly.yaml and the Redocly plugins it loads), so tests edit
// specs and write changesets without touching the repository.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { getPackages } from '@manypkg/get-packages';
import { parse, stringify } from 'yaml';

export const WORKSPACE = join(import.meta.dirname, '../../..');

const CHANGESET = createRequire(import.meta.url).resolve('@changesets/cli/bin.js');
const COPIED = [
  'redocly.yaml',
  'pnpm-workspace.yaml',
  'package.json',
  'specs',
  '.changeset',
  'docs/redocly',
  'scripts/x-telcopay.js',
];

/** The parts of an OpenAPI document that tests edit. */
export interface Spec {
  info: { version: string };
  paths: Record<string, Record<string, { description: string }>>;
  components: {
    schemas: Record<string, { required: string[]; properties: Record<string, unknown> }>;
  };
}

export interface RepoCopy {
  root: string;
  /** Edits an API's spec (parsed YAML) in place. */
  editSpec(api: string, edit: (spec: Spec) => void): void;
  /** Writes `.changeset/<id>.md`. */
  addChangeset(id: string, releases: Record<string, string>, summary: string): void;
  /** Runs `changeset version`: consumes the changesets, bumps the versions, writes CHANGELOGs. */
  versionPackages(): void;
  /** Sets the version of every `@telcopay/*` package, as a release to `version` would. */
  setVersions(version: string): void;
  remove(): void;
}

export async function copyRepo(): Promise<RepoCopy> {
  const root = mkdtempSync(join(tmpdir(), 'spec-check-'));
  for (const path of COPIED) cpSync(join(WORKSPACE, path), join(root, path), { recursive: true });
  // The plugins import packages (yaml): they resolve them from the workspace's node_modules.
  symlinkSync(join(WORKSPACE, 'node_modules'), join(root, 'node_modules'), 'dir');
  const { packages } = await getPackages(WORKSPACE);
  const manifests = packages.map(({ dir }) => {
    const copy = join(root, relative(WORKSPACE, dir), 'package.json');
    cpSync(join(dir, 'package.json'), copy);
    return copy;
  });
  return {
    root,
    editSpec(api, edit) {
      const file = join(root, 'specs', api, 'openapi.yaml');
      const spec = parse(readFileSync(file, 'utf8'));
      edit(spec);
      writeFileSync(file, stringify(spec));
    },
    addChangeset(id, releases, summary) {
      const lines = Object.entries(releases).map(([name, bump]) => `'${name}': ${bump}`);
      writeFileSync(
        join(root, '.changeset', `${id}.md`),
        `---\n${lines.join('\n')}\n---\n\n${summary}\n`,
      );
    },
    versionPackages() {
      execFileSync(process.execPath, [CHANGESET, 'version'], {
        cwd: root,
        stdio: 'pipe',
        timeout: 120_000, // it takes about a second; a sync call must not hang the test run
      });
    },
    setVersions(version) {
      for (const manifest of manifests) {
        const pkg = JSON.parse(readFileSync(manifest, 'utf8'));
        if (pkg.name.startsWith('@telcopay/')) {
          writeFileSync(manifest, JSON.stringify({ ...pkg, version }, null, 2));
        }
      }
    },
    remove: () => rmSync(root, { recursive: true, force: true }),
  };
}
