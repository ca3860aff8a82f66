import { createHmac } from 'node:crypto';
import { expectGolden, freezeDate, recordRequests, renderRequest } from '@telcopay/testing';
import { it } from 'vitest';
import { createChinchinCpsClient } from '../src/index.js';

// payService, byte for byte as test/golden/pay-service.http says.
const API_SECRET = 'chinchin-private-key-5be93f0a';
const NOW = '2026-01-15T12:00:00.000Z';
freezeDate(NOW);

/** The seed's example request (`Ejemplo de la petición JSON`). */
const SEED_PAY = { numberService: '04243675525', idTypeService: 57, amount: 10 } as const;

it('sends a payment as its golden file says, signed as the docs sign it', async () => {
  const answer = { idOperation: '8f2c1e0a', status: 'APPROVED', ...SEED_PAY };
  const [pay] = await recordRequests(
    () => ({ status: 200, body: answer }),
    (url) =>
      createChinchinCpsClient({
        apiKey: 'chinchin-public-key-7d21',
        apiSecret: API_SECRET,
        baseUrl: url,
      }).payService(SEED_PAY),
  );

  // The docs' signature: HMAC-SHA384 of path (without /cps) + nonce + body, keyed by the secret.
  const nonce = String(Date.parse(NOW));
  const signed = `/v2/operation/use/pay${nonce}${JSON.stringify(SEED_PAY)}`;
  const signature = createHmac('sha384', API_SECRET).update(signed).digest('hex');
  await expectGolden(
    new URL('golden/pay-service.http', import.meta.url),
    renderRequest(pay, { 'api-signature': signature }),
  );
});
