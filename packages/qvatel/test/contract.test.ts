import { describeContract } from '@telcopay/testing';
import { createQvatelClient, type QvatelClient } from '../src/index.js';

describeContract<QvatelClient>({
  api: 'qvatel',
  createClient: (baseUrl) => createQvatelClient({ apiToken: 'contract-test-token', baseUrl }),
  calls: {
    sendRecharge: (client, call) =>
      client.sendRecharge({ destino: '+5352942387', monto: 20 }, call),
    getRechargeStatus: (client, call) => client.getRechargeStatus('qvatel-23479287356', call),
    getRechargeBalance: (client, call) => client.getRechargeBalance(call),
  },
  businessFailures: {
    sendRecharge: ['failure'],
    getRechargeStatus: ['failure'],
    getRechargeBalance: ['failure'],
  },
});
