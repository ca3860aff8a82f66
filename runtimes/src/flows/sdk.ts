import {
  chinchinCps,
  createTelcopay,
  qvatel,
  StoneTopups,
  stoneTopups,
  type TopupRequest,
  type TopupResult,
} from '@telcopay/sdk';
import { check, failure, refusalSummary, urlOf } from './checks.js';
import type { Flow } from './contract.js';

const topupSummary = (result: TopupResult) => `${result.status} ${result.reference}`;

/**
 * The facade over three providers: a balance, a catalog, and `topups.send` on Chinchin (signed,
 * verified), QvaTel and Stone, whose challenge is solved through the SDK's Stone client.
 */
export const flow: Flow = async ({ urls, credentials }, record) => {
  const { pin, ...stoneOptions } = credentials.stoneTopups;
  const telcopay = createTelcopay({
    environment: 'mock',
    chinchinCps: chinchinCps({
      ...credentials.chinchinCps,
      baseUrl: urlOf(urls, 'chinchin-cps'),
    }),
    qvatel: qvatel({ ...credentials.qvatel, baseUrl: urlOf(urls, 'qvatel') }),
    stoneTopups: stoneTopups({ ...stoneOptions, baseUrl: urlOf(urls, 'stone-topups') }),
  });

  /** A top-up through the facade, which must end in `status`. */
  const topup = async (
    request: TopupRequest<'qvatel' | 'chinchinCps'>,
    status: TopupResult['status'],
  ) => {
    const result = await record(
      `topups.send ${request.provider}`,
      telcopay.topups.send(request),
      topupSummary,
    );
    check(result.status === status, `the ${request.provider} top-up is ${status}`);
  };

  await record(
    'balances.get qvatel',
    telcopay.balances.get({ provider: 'qvatel' }),
    ({ balance }) => `${balance.amountMinor} ${balance.currency}`,
  );
  await topup(
    { provider: 'qvatel', destination: '52942387', amount: { amountMinor: 2000, currency: 'CUP' } },
    'pending',
  );

  const services = await record(
    'catalog.list chinchinCps',
    telcopay.catalog.list({ provider: 'chinchinCps' }),
    (items) => `${items.length} products`,
  );
  check(
    services.some((item) => item.product === '57'),
    'Movistar prepago is in the catalog',
  );
  await topup(
    {
      provider: 'chinchinCps',
      destination: '04243675525',
      product: '57',
      amount: { amountMinor: 1000, currency: 'VES' },
    },
    'succeeded',
  );

  const challenged = await record(
    'topups.send stoneTopups',
    failure(
      telcopay.topups.send({
        provider: 'stoneTopups',
        destination: '10036389709',
        product: '2126:10900',
      }),
    ),
    refusalSummary,
  );
  check(challenged instanceof StoneTopups.ChallengeRequiredError, 'the Stone top-up is challenged');
  await record(
    'stoneTopups.solveChallenge',
    telcopay.stoneTopups.solveChallenge({
      ...challenged.confirmInput,
      challenge: challenged.challenge,
      pin,
    }),
    (receipt) => `receipt ${receipt.id}`,
  );
};
