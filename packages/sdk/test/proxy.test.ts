// Each client works unchanged through the validating proxy (`startProxy` of @telcopay/mocks):
// one call per provider, against a local fake upstream (the run's shared Prism mock).

import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createChinchinCpsClient, SERVICE_IDS } from '@telcopay/chinchin-cps';
import { createMasstackPartnersClient } from '@telcopay/masstack-partners';
import { APIS, type ApiName, startProxy } from '@telcopay/mocks';
import { createQvatelClient } from '@telcopay/qvatel';
import { createStoneTopupsClient } from '@telcopay/stone-topups';
import { mockUrl } from '@telcopay/testing';
import { createTigoB2bBillingClient } from '@telcopay/tigo-b2b-billing';
import { describe, expect, it } from 'vitest';
import { CREDENTIALS } from './credentials.js';

const MOVEMENT = {
  type: 'ONE_TIME_FEE',
  movement_datetime: '2022-02-24T13:45:10Z',
  amount: { value_with_taxes: 12.1, value_without_taxes: 10, tax: { type: 'IVA', percentage: 21 } },
  external_movement_unique_id: '123456790',
  transaction_type_id: '5432167890',
} as const;

/** One call per provider, made by its client pointed at `baseUrl`, retries off. */
const ONE_CALL: Record<ApiName, (baseUrl: string) => Promise<unknown>> = {
  'chinchin-cps': (baseUrl) =>
    createChinchinCpsClient({
      ...CREDENTIALS.chinchinCps,
      baseUrl,
      maxRetries: 0,
    }).getServiceBalance({
      numberService: '02123457654',
      idTypeService: SERVICE_IDS.DIGITEL_FIJO,
    }),
  qvatel: (baseUrl) =>
    createQvatelClient({ ...CREDENTIALS.qvatel, baseUrl, maxRetries: 0 }).getRechargeBalance(),
  'tigo-b2b-billing': (baseUrl) =>
    createTigoB2bBillingClient({
      ...CREDENTIALS.tigoB2bBilling,
      baseUrl,
      maxRetries: 0,
    }).getContract({
      contractId: 8001234567,
    }),
  'masstack-partners': (baseUrl) =>
    createMasstackPartnersClient({ ...CREDENTIALS.masstackPartners, baseUrl, maxRetries: 0 })
      .createNonSubscribableMovement({
        serviceType: 'mobile',
        serviceId: '612123456',
        body: MOVEMENT,
      })
      // A fresh correlation id per call: the rest of the answer is what compares.
      .then(({ correlationId: _, ...answer }) => answer),
  'stone-topups': (baseUrl) =>
    createStoneTopupsClient({ ...CREDENTIALS.stoneTopups, baseUrl, maxRetries: 0 }).listProviders(),
};

/** Every string of the test credentials (the Stone key's PEM included). */
const SECRETS = Object.values(CREDENTIALS).flatMap((credentials) => Object.values(credentials));

describe.each(APIS)('%s through the validating proxy', (api) => {
  it('resolves to what the upstream answers, and every call it saw conforms', async () => {
    const upstream = mockUrl(api);
    const direct = await ONE_CALL[api](upstream);
    const record = mkdtempSync(join(tmpdir(), `telcopay-proxy-${api}-`));
    const proxy = await startProxy({ api, upstream, record });
    try {
      expect(await ONE_CALL[api](proxy.url)).toEqual(direct);
      const { operations, unmatched } = proxy.report();
      expect(operations.length).toBeGreaterThan(0);
      expect(unmatched).toEqual([]);
      for (const operation of operations)
        expect(operation).toMatchObject({ conforms: true, findings: [] });
    } finally {
      await proxy.stop();
    }
    // The recorded answers (token answers included) keep no credential and no token.
    const recorded = readdirSync(record).map((file) => readFileSync(join(record, file), 'utf8'));
    expect(recorded.length).toBeGreaterThan(0);
    for (const text of recorded) {
      for (const secret of SECRETS) expect(text).not.toContain(secret);
      expect(text).not.toMatch(/"(access_token|token)": "(?!\[redacted\])/);
    }
    rmSync(record, { recursive: true });
  });
});
