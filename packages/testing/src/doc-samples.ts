import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/** One ```ts block of a README or guide. */
export interface DocSample {
  /** The Markdown file, relative to the repository. */
  file: string;
  /** The line of the opening fence. */
  line: number;
  /** A file name for the sample: where it comes from, e.g. `packages-qvatel-README-2`. */
  name: string;
  code: string;
  /**
   * Whether the sample runs against the mocks. Every one does unless its fence says
   * `ts no-run` (a sample that needs a real provider or a file of yours).
   */
  runs: boolean;
}

const FENCE = /^```ts\b([^\n]*)\n([\s\S]*?)^```$/gm;

/** Every ```ts block of the Markdown file `path`, in order. */
export function docSamples(root: string, path: string): DocSample[] {
  const text = readFileSync(path, 'utf8');
  const file = relative(root, path);
  const stem = file.replace(/\.md$/, '').replace(/[^A-Za-z0-9]+/g, '-');
  return [...text.matchAll(FENCE)].map((match, index) => ({
    file,
    line: text.slice(0, match.index).split('\n').length,
    name: `${stem}-${index + 1}`,
    code: match[2] ?? '',
    runs: !/\bno-run\b/.test(match[1] ?? ''),
  }));
}

/** The docs whose samples a user copies: the root README, each package's README, every guide. */
export function documentationFiles(root: string, packageDirs: readonly string[]): string[] {
  const guides = join(root, 'docs/guides');
  return [
    join(root, 'README.md'),
    ...packageDirs.map((dir) => join(dir, 'README.md')).filter((path) => existsSync(path)),
    ...readdirSync(guides)
      .filter((name) => name.endsWith('.md'))
      .sort()
      .map((name) => join(guides, name)),
  ];
}
