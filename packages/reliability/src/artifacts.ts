import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** `packages/reliability/artifacts/`: what the suite measured, for the table script. */
const ARTIFACTS_DIR = fileURLToPath(new URL('../artifacts/', import.meta.url));

export function writeArtifact(name: string, data: unknown): string {
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  const path = `${ARTIFACTS_DIR}${name}.json`;
  writeFileSync(path, `${JSON.stringify(data, null, 2)}\n`);
  return path;
}
