// Chinchin's amount goes through core's exact decimal conversion: a seeded property test over
// the range of amounts (FAST_CHECK_SEED explores other ones), checked on the body as signed.
import { mockUrl, recordingFetch } from '@telcopay/testing';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createChinchinCpsClient } from '../src/index.js';

const SEED = Number(process.env.FAST_CHECK_SEED ?? 20_261_130);
const cents = fc.integer({ min: 1, max: 100_000_000_000 });

function twoDecimals(minor: number): string {
  const digits = String(minor).padStart(3, '0');
  return `${digits.slice(0, -2)}.${digits.slice(-2)}`;
}

/** A client of the run's Chinchin mock, each request recorded as sent. */
function client() {
  const recorder = recordingFetch();
  const cps = createChinchinCpsClient({
    apiKey: 'key',
    apiSecret: 'secret',
    baseUrl: mockUrl('chinchin-cps'),
    fetch: recorder.fetch,
  });
  return { cps, requests: recorder.requests };
}

describe('payService amount', () => {
  it('sends the exact decimal of any amount given as a number or a decimal string', async () => {
    const { cps, requests } = client();
    await fc.assert(
      fc.asyncProperty(cents, fc.boolean(), async (minor, asText) => {
        const exact = twoDecimals(minor);
        requests.length = 0;
        await cps.payService({
          numberService: '04243675525',
          idTypeService: 57,
          amount: asText ? exact : Number(exact),
        });
        const body = requests[0]?.body ?? '';
        expect(JSON.parse(body).amount).toBe(Number(exact));
        expect(body).toContain(`"amount":${Number(exact)}}`);
      }),
      { seed: SEED, numRuns: 200 },
    );
  });
});
