import { describeRuntime } from '../src/matrix.js';
import { workerd } from '../src/runtimes/workerd.js';

describeRuntime(workerd);
