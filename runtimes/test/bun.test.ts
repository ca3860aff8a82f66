import { describeRuntime } from '../src/matrix.js';
import { bun } from '../src/runtimes/bun.js';

describeRuntime(bun);
