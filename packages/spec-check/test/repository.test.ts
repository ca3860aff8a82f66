// The repository as it is: every spec passes the check, and the diff tool reads every spec.
// (A file of its own: vitest runs it beside the slower scratch-copy tests.)
import { describe, expect, it } from 'vitest';
import { readApis, readRedoclyConfig } from '../src/apis.mjs';
import { compareWithRelease } from '../src/breaking.mjs';
import { coverageGap, readChangesets } from '../src/changesets.mjs';
import { checkSpecChanges, passes } from '../src/check.mjs';
import { WORKSPACE } from './repo-copy.js';

// The diff tool takes about a second a spec, more on a busy machine: far more than the shared 60 s.
const HEAVY = { timeout: 300_000 };

describe('the repository', HEAVY, () => {
  it('passes the check: no spec breaks its released snapshot without a changeset', async () => {
    const reports = await checkSpecChanges(WORKSPACE);
    const { apis } = readRedoclyConfig(WORKSPACE);
    expect(reports.map(({ api }) => api.name)).toEqual(Object.keys(apis));
    expect(reports.filter((report) => !passes(report))).toEqual([]);
  });

  it('has specs that the diff tool reads, any breaking change in them in a changeset', async () => {
    // The check skips the tool for a spec equal to its snapshot; here every spec goes through it.
    const changesets = await readChangesets(WORKSPACE);
    for (const api of await readApis(WORKSPACE)) {
      const { broken } = await compareWithRelease(api.released, api.spec);
      const gaps = broken.map(({ subject }) => coverageGap(subject, api.packages, changesets));
      expect(gaps, api.name).toEqual(broken.map(() => undefined));
    }
  });
});
