// A consumer's program that tops up through the @telcopay/sdk facade on each top-up provider
// (copied into a fresh npm project by consumer.test.ts, compiled there and run against the
// packed mocks).
import { generateKeyPairSync } from 'node:crypto';
import { chinchinCps, createTelcopay, qvatel, stoneTopups, type TopupResult } from '@telcopay/sdk';

const [chinchinUrl, qvatelUrl, stoneUrl] = process.argv.slice(2);
const privateKey = generateKeyPairSync('rsa', { modulusLength: 2048 })
  .privateKey.export({ type: 'pkcs8', format: 'pem' })
  .toString();

const telcopay = createTelcopay({
  environment: 'mock',
  chinchinCps: chinchinCps({ apiKey: 'key', apiSecret: 'secret', baseUrl: chinchinUrl }),
  qvatel: qvatel({ apiToken: 'token', baseUrl: qvatelUrl }),
  stoneTopups: stoneTopups({
    clientId: 'client',
    privateKey,
    accountId: 'e4043bb5-542b-46f6-bcbc-0e63d37e1c47',
    baseUrl: stoneUrl,
  }),
});

const results: TopupResult[] = [
  await telcopay.topups.send({
    provider: 'chinchinCps',
    destination: '04243675525',
    product: '57',
    amount: { amountMinor: 1000, currency: 'VES' },
  }),
  await telcopay.topups.send({
    provider: 'qvatel',
    destination: '52942387',
    amount: { amountMinor: 2000, currency: 'CUP' },
  }),
  await telcopay.topups.send({
    provider: 'stoneTopups',
    destination: '10036389709',
    product: '2126:10900',
  }),
];
console.log(
  JSON.stringify(
    results.map(({ provider, status, reference, amount }) => ({
      provider,
      status,
      reference,
      amount,
    })),
  ),
);
