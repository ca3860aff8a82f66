// One of two test files (isolation-a, isolation-b) that run at the same time against the one
// shared mock host, each with its own scenario on the same operation: neither sees the other's.
import { expect, it } from 'vitest';
import { mockScenarios } from '../dist/index.js';
import { outcome, sharedMocks, untilQueued } from './shared-host.js';

const urls = sharedMocks();
const balance = `${urls.qvatel}/account/recharge-balance?api_token=t`;

it('file a: its scenario is its own while file b has another on the same operation', async () => {
  const mine = mockScenarios(urls, { id: 'isolation-a' });
  // Each file's "arrived" mark: a step queued under an id of its own, left until the host stops.
  const arrived = mockScenarios(urls, { id: 'isolation-a-arrived' });
  const theirArrival = mockScenarios(urls, { id: 'isolation-b-arrived' });
  try {
    await mine.scenario('qvatel', 'getRechargeBalance', ['failure', 'failure']);
    // Both files' queues exist at once from here on: the other has queued its own.
    await arrived.scenario('qvatel', 'getRechargeStatus', ['success']);
    await untilQueued(theirArrival, 'getRechargeStatus');

    // A request without the header gets neither file's steps; this file gets its own, in order.
    expect((await outcome(balance)).text).toContain('"balance":20');
    for (let call = 0; call < 2; call++) {
      expect((await outcome(balance, { headers: mine.headers })).text).toContain('"result":0');
    }
    expect((await outcome(balance, { headers: mine.headers })).text).toContain('"balance":20');
  } finally {
    await mine.reset();
  }
});
