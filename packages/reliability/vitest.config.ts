import { mergeConfig } from 'vitest/config';
import { telcopayVitestConfig } from '../testing/vitest/config.mjs';

export default mergeConfig(telcopayVitestConfig(), {
  test: {
    // The matrix's 80 fault × client groups start at once (its calls then queue, 48 at a time).
    maxConcurrency: 100,
    // Two processes: the matrix and the money-safety sequences (the two heavy files, both CPU
    // bound) side by side, then the other two. A process runs its files one after the other
    // and loads the clients, the specs and undici once; each file starts and stops its own
    // server, nothing else is shared.
    maxWorkers: 2,
    isolate: false,
  },
});
