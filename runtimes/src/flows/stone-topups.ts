import { ChallengeRequiredError, createStoneTopupsClient } from '@telcopay/stone-topups';
import { check, failure, refusalSummary, urlOf } from './checks.js';
import type { Flow } from './contract.js';

/** Claro TV's R$ 109,00 plan, for the seed's subscriber. */
const TOPUP = { providerId: 2126, amount: 10900, clientCode: '10036389709' };

/**
 * A token for an RS256 client assertion (checked by the Node gateway), two reads and a dry run,
 * then a confirmation the gateway challenges, solved with a JWE of the PIN under the key set's
 * `enc` key (the gateway decrypts it before the mock is asked for the receipt).
 */
export const flow: Flow = async ({ urls, credentials }, record) => {
  const { pin, ...options } = credentials.stoneTopups;
  const stone = createStoneTopupsClient({ ...options, baseUrl: urlOf(urls, 'stone-topups') });

  const { providers } = await record(
    'listProviders',
    stone.listProviders(),
    (list) => `${list.providers.length} providers`,
  );
  check(
    providers.some((provider) => provider.id === TOPUP.providerId),
    'Claro TV is a provider',
  );
  const plans = await record(
    'listValues',
    stone.listValues(TOPUP.providerId),
    (list) => `${list.product.length} plans`,
  );
  check(
    plans.product.some((plan) => plan.value === TOPUP.amount),
    'the plan is offered',
  );
  await record('dryRun', stone.dryRun(TOPUP), (simulated) => `would charge ${simulated.amount}`);
  const challenged = await record('confirm', failure(stone.confirm(TOPUP)), refusalSummary);
  check(challenged instanceof ChallengeRequiredError, 'the confirmation is challenged');
  const receipt = await record(
    'solveChallenge',
    stone.solveChallenge({ ...challenged.confirmInput, challenge: challenged.challenge, pin }),
    (confirmed) => `receipt ${confirmed.id}`,
  );
  check(
    receipt.idempotencyKey === challenged.idempotencyKey,
    'the solution is sent with the challenged idempotency key',
  );
};
