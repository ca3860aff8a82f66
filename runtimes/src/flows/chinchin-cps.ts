import { AuthError, createChinchinCpsClient, SERVICE_IDS } from '@telcopay/chinchin-cps';
import { check, failure, refusalSummary, urlOf } from './checks.js';
import type { Flow } from './contract.js';

/**
 * Two reads and a payment, each signed (HMAC-SHA384 over Web Crypto) and checked by the Node
 * verifier in front of the mock; then a request signed with a wrong secret, which it refuses.
 */
export const flow: Flow = async ({ urls, credentials }, record) => {
  const baseUrl = urlOf(urls, 'chinchin-cps');
  const chinchin = createChinchinCpsClient({ ...credentials.chinchinCps, baseUrl });

  const services = await record(
    'listBasicServices',
    chinchin.listBasicServices({ canGetBalance: true }),
    (list) => `${list.length} services`,
  );
  check(services.length > 0, 'the balance-capable services are listed');
  await record(
    'getServiceBalance',
    chinchin.getServiceBalance({
      numberService: '02123457654',
      idTypeService: SERVICE_IDS.DIGITEL_FIJO,
    }),
    (balance) => `balance ${balance.balance}`,
  );
  const payment = await record(
    'payService',
    chinchin.payService({
      numberService: '04243675525',
      idTypeService: SERVICE_IDS.MOVISTAR_PREPAGO,
      amount: 10,
    }),
    (paid) => `${paid.status} ${paid.idOperation}`,
  );
  check(payment.status === 'APPROVED', 'the payment is approved');

  const forger = createChinchinCpsClient({
    ...credentials.chinchinCps,
    apiSecret: `${credentials.chinchinCps.apiSecret}-wrong`,
    baseUrl,
  });
  const refusal = await record(
    'listBasicServices (wrong secret)',
    failure(forger.listBasicServices()),
    refusalSummary,
  );
  check(
    refusal instanceof AuthError && refusal.status === 401,
    'a wrong signature is refused (AuthError 401)',
  );
};
