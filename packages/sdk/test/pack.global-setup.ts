// Vitest global setup: packs the published packages once per test run, for every test file
// that needs them as a user gets them (consumer.test.ts, release.test.ts): `inject` through
// `packed()` in workspace.ts.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { packAll, workspacePackages } from './workspace.js';

export default async function setup(project: TestProject): Promise<(() => Promise<void>) | void> {
  // Type tests (`vitest run --typecheck.only`) only compile; they install nothing.
  if (project.config.typecheck.only) return;
  const destination = await mkdtemp(join(tmpdir(), 'telcopay-packed-'));
  try {
    const { dirs, published } = await workspacePackages();
    project.provide('telcopayPacked', {
      packages: published,
      workspaceDirs: dirs,
      tarballs: await packAll(published, destination),
    });
  } catch (error) {
    await rm(destination, { recursive: true, force: true });
    throw error;
  }
  return () => rm(destination, { recursive: true, force: true });
}
