import { describeRuntime } from '../src/matrix.js';
import { chromium } from '../src/runtimes/chromium.js';

describeRuntime(chromium);
