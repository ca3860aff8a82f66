// One of two test files (isolation-a, isolation-b) that run at the same time against the one
// shared mock host, each with its own scenario on the same operation: neither sees the other's.
import { isolationTest } from './shared-host.js';

isolationTest('a', 'b', ['failure', 'failure'], '"result":0');
