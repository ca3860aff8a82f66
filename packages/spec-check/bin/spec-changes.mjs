#!/usr/bin/env node
// @ts-check
// The breaking-change check of the specs (see ../README.md).
//
//   spec-changes [--root DIR]                   check; exit 1 with what to fix
//   spec-changes snapshot [--root DIR] [api…]   refresh specs/<api>/released.yaml (at versioning)
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { checkSpecChanges, formatReports, passes } from '../src/check.mjs';
import { refreshSnapshots } from '../src/released.mjs';

const { values, positionals } = parseArgs({
  options: {
    root: { type: 'string', default: fileURLToPath(new URL('../../..', import.meta.url)) },
  },
  allowPositionals: true,
});
const root = resolve(values.root);
const [command, ...apis] = positionals;

if (command === 'snapshot') {
  for (const file of await refreshSnapshots(root, apis)) console.log(`wrote ${file}`);
} else if (command === undefined) {
  const reports = await checkSpecChanges(root);
  const text = formatReports(root, reports);
  if (reports.every(passes)) {
    console.log(text);
  } else {
    console.error(text);
    process.exitCode = 1;
  }
} else {
  console.error(`Unknown command ${command}; usage: spec-changes [snapshot [api…]] [--root DIR]`);
  process.exitCode = 2;
}
