#!/usr/bin/env node
// The installed command. A committed file, because pnpm links bins at install time, before
// `dist` is built: linking dist/cli.js directly fails (and warns) in a fresh clone.
import '../dist/cli.js';
