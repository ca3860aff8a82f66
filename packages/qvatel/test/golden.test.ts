import { expectGolden, recordRequests, renderRequest } from '@telcopay/testing';
import { it } from 'vitest';
import { createQvatelClient } from '../src/index.js';

// A recharge (POST, form) and the recharge balance (GET, query), byte for byte as
// test/golden/send-recharge.http and get-recharge-balance.http say.
const API_TOKEN = 'qvatel-secret-token-4f1c9a';

it('sends a recharge and asks the balance as their golden files say', async () => {
  const answers = [
    { result: 1, destino: '+5352942387', id_recarga: 'qvatel-23479287356' },
    { result: 1, balance: 20 },
  ];
  const [recharge, balance] = await recordRequests(
    () => ({ status: 200, body: answers.shift() }),
    async (url) => {
      const qvatel = createQvatelClient({ apiToken: API_TOKEN, baseUrl: url });
      await qvatel.sendRecharge({ destino: '52942387', monto: 20 });
      await qvatel.getRechargeBalance();
    },
  );

  const secrets = { api_token: API_TOKEN };
  const golden = (name: string) => new URL(`golden/${name}`, import.meta.url);
  await expectGolden(golden('send-recharge.http'), renderRequest(recharge, secrets));
  await expectGolden(golden('get-recharge-balance.http'), renderRequest(balance, secrets));
});
