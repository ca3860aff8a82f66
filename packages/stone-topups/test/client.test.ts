import { ValidationError } from '@telcopay/core';
import { mockUrl, recordingFetch } from '@telcopay/testing';
import { exportPKCS8, generateKeyPair } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  ChallengeRequiredError,
  type ConfirmInput,
  createStoneTopupsClient,
  type StoneTopupsClientOptions,
} from '../src/index.js';
import { SEED_PROVIDERS, SEED_TOPUP, TOKEN_PATH, UUID } from './seed.js';

let baseUrl: string;
let privateKey: string;

beforeAll(async () => {
  privateKey = await exportPKCS8(
    (await generateKeyPair('RS256', { extractable: true })).privateKey,
  );
  baseUrl = mockUrl('stone-topups');
});

function client(options: Partial<StoneTopupsClientOptions> = {}) {
  const recorder = recordingFetch();
  const stone = createStoneTopupsClient({
    clientId: '065ecb08-2439-40c0-8e13-2b43c21743e3',
    privateKey,
    baseUrl,
    fetch: recorder.fetch,
    ...options,
  });
  return { stone, requests: recorder.requests };
}

describe('a top-up against the mock (token endpoint included)', () => {
  it('lists providers and values, simulates, then confirms', async () => {
    const { stone, requests } = client();

    const { providers } = await stone.listProviders();
    expect(providers).toEqual(SEED_PROVIDERS.providers);
    const claro = providers.find((provider) => provider.name === 'Claro TV');
    const { product } = await stone.listValues(claro?.id ?? 0);
    expect(product[0]).toEqual({ product_name: 'R$ 18,00 - INICIAL 30d', value: 1800 });
    const plan = product.find((item) => item.value === SEED_TOPUP.amount);
    expect(plan?.product_name).toBe('R$ 109,00 - TOP 30d');

    const topup = { ...SEED_TOPUP, providerId: claro?.id ?? 0, amount: plan?.value ?? 0 };
    const simulated = await stone.dryRun(topup);
    expect(simulated).toEqual({
      amount: 10900,
      account_id: SEED_TOPUP.accountId,
      provider_id: '2126',
      client_code: SEED_TOPUP.clientCode,
    });
    const confirmed = await stone.confirm({ ...topup, amount: simulated.amount });
    expect(confirmed.id).toBe('cd5ff1c2-8f7e-4f56-a9d8-241d4cd1a1a8');
    expect(confirmed.idempotencyKey).toMatch(UUID);

    expect(requests.map((request) => `${request.method} ${new URL(request.url).pathname}`)).toEqual(
      [
        `POST ${TOKEN_PATH}`,
        'GET /api/v1/topups/tv/providers',
        'GET /api/v1/topups/tv/values/2126',
        'POST /api/v1/topups/tv/dry-run',
        'POST /api/v1/topups/tv',
      ],
    );
    const sentBodies = requests.slice(3).map((request) => JSON.parse(request.body));
    expect(sentBodies).toEqual([
      {
        account_id: SEED_TOPUP.accountId,
        amount: 10900,
        client_code: '10036389709',
        provider_id: '2126',
      },
      {
        account_id: SEED_TOPUP.accountId,
        amount: 10900,
        client_code: '10036389709',
        provider_id: '2126',
      },
    ]);
    expect(requests[4]?.headers.get('x-stone-idempotency-key')).toBe(confirmed.idempotencyKey);
  });

  it('uses the client default account when the top-up names none', async () => {
    const { stone, requests } = client({ accountId: SEED_TOPUP.accountId });
    const { accountId: _, ...withoutAccount } = SEED_TOPUP;
    await stone.dryRun(withoutAccount);
    expect(JSON.parse(requests.at(-1)?.body ?? '').account_id).toBe(SEED_TOPUP.accountId);
  });

  it('turns the documented challenge answer into a ChallengeRequiredError', async () => {
    const { stone } = client();
    const error = await stone
      .confirm(
        { ...SEED_TOPUP, idempotencyKey: 'mock-key-1' },
        { headers: { Prefer: 'code=403, example=challengeRequired' } },
      )
      .catch((failure: unknown) => failure);
    expect(error).toBeInstanceOf(ChallengeRequiredError);
    expect(error).toMatchObject({
      idempotencyKey: 'mock-key-1',
      challenge: { id: '81080d67-aac9-415b-868f-4403243201d3', required_types: ['pin'] },
    });
  });
});

describe('input checked before anything is sent', () => {
  const invalid: [string, Partial<ConfirmInput>][] = [
    ['amount', { amount: 0 }],
    ['amount', { amount: -1800 }],
    ['amount', { amount: 109.5 }],
    ['amount', { amount: Number.NaN }],
    ['amount', { amount: '10900' as unknown as number }],
    ['accountId', { accountId: 'not-a-uuid' }],
    ['accountId', { accountId: undefined }],
    ['clientCode', { clientCode: ' ' }],
    ['providerId', { providerId: 'Claro TV' }],
    ['providerId', { providerId: 0 }],
  ];
  it.each(invalid)('dryRun and confirm refuse a bad %s: %j', async (field, change) => {
    const { stone, requests } = client();
    const input = { ...SEED_TOPUP, ...change };
    for (const call of [stone.dryRun(input), stone.confirm(input)]) {
      await expect(call).rejects.toSatisfy(
        (error) => error instanceof ValidationError && error.field === field,
      );
    }
    expect(requests).toHaveLength(0);
  });

  it.each(['', 'x'.repeat(73), 'has space'])(
    'confirm refuses the idempotency key %j',
    async (key) => {
      const { stone, requests } = client();
      await expect(stone.confirm({ ...SEED_TOPUP, idempotencyKey: key })).rejects.toSatisfy(
        (error) => error instanceof ValidationError && error.field === 'idempotencyKey',
      );
      expect(requests).toHaveLength(0);
    },
  );

  it('listValues refuses a provider id that is not a positive integer', async () => {
    const { stone, requests } = client();
    await expect(stone.listValues(-5)).rejects.toBeInstanceOf(ValidationError);
    expect(requests).toHaveLength(0);
  });
});
