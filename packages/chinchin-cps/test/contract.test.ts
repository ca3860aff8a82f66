import { describeContract } from '@telcopay/testing';
import { type ChinchinCpsClient, createChinchinCpsClient, SERVICE_IDS } from '../src/index.js';

describeContract<ChinchinCpsClient>({
  api: 'chinchin-cps',
  createClient: (baseUrl) =>
    createChinchinCpsClient({
      apiKey: 'contract-public-key',
      apiSecret: 'contract-private-key',
      baseUrl,
    }),
  calls: {
    // The documentation's own examples.
    payService: (client, call) =>
      client.payService(
        { numberService: '04243675525', idTypeService: SERVICE_IDS.MOVISTAR_PREPAGO, amount: 10 },
        call,
      ),
    getServiceBalance: (client, call) =>
      client.getServiceBalance(
        { numberService: '02123457654', idTypeService: SERVICE_IDS.DIGITEL_FIJO },
        call,
      ),
    listBasicServices: (client, call) => client.listBasicServices({ canGetBalance: false }, call),
  },
});
