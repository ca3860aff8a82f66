import { describeRuntime } from '../src/matrix.js';
import { deno } from '../src/runtimes/deno.js';

describeRuntime(deno);
