import { ApiError, ValidationError } from '@telcopay/core';
import { afterEach, describe, expect, it } from 'vitest';
import { type ContractsItem, createTigoB2bBillingClient } from '../src/index.js';
import {
  CLIENT_ID,
  CLIENT_SECRET,
  contractId,
  type FakeGateway,
  type FakeGatewayOptions,
  fakeGateway,
} from './fake-gateway.js';

const gateways: FakeGateway[] = [];
afterEach(async () => {
  await Promise.all(gateways.splice(0).map((gateway) => gateway.close()));
});

async function walk(options: FakeGatewayOptions, pageSize?: number) {
  const gateway = await fakeGateway(options);
  gateways.push(gateway);
  const tigo = createTigoB2bBillingClient({
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    baseUrl: gateway.billingBaseUrl,
  });
  const contracts: ContractsItem[] = [];
  for await (const contract of tigo.iterateContracts({
    idType: 'NIT',
    identification: '900123456',
    pageSize,
  })) {
    contracts.push(contract);
  }
  const pages = gateway.apiRequests.map((request) => [
    request.url.searchParams.get('reg_ini'),
    request.url.searchParams.get('num_reg'),
  ]);
  return { contracts, pages, gateway };
}

/** The ids of contracts 1…count, as the fake gateway numbers them. */
const ids = (count: number) => Array.from({ length: count }, (_, index) => contractId(index + 1));

describe('iterateContracts', () => {
  it('walks reg_ini as a page number over 3 pages and stops at the short one', async () => {
    const { contracts, pages, gateway } = await walk({ contracts: 25 }, 10);
    expect(contracts.map((contract) => contract.contractId)).toEqual(ids(25));
    expect(pages).toEqual([
      ['1', '10'],
      ['2', '10'],
      ['3', '10'],
    ]);
    expect(gateway.apiRequests[0]?.url.pathname).toBe(
      '/v2/tigo/b2b/co/billing/customers/NIT/900123456/contracts',
    );
  });

  it('stops at an empty page when the last full page ends the list', async () => {
    const { contracts, pages } = await walk({ contracts: 20 }, 10);
    expect(contracts.map((contract) => contract.contractId)).toEqual(ids(20));
    expect(pages).toHaveLength(3);
  });

  it('takes a 404 after the first page as the end of the list', async () => {
    const { contracts, pages } = await walk({ contracts: 6, pastTheEnd: 'notFound' }, 3);
    expect(contracts.map((contract) => contract.contractId)).toEqual(ids(6));
    expect(pages).toHaveLength(3);
  });

  it('throws a 404 on the first page: the customer is unknown', async () => {
    const error = await walk({ contracts: 0, pastTheEnd: 'notFound' }).catch((caught) => caught);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ operation: 'listContracts', status: 404 });
  });

  it('pages by 10 when no page size is given', async () => {
    const { contracts, pages } = await walk({ contracts: 12 });
    expect(contracts).toHaveLength(12);
    expect(pages).toEqual([
      ['1', '10'],
      ['2', '10'],
    ]);
  });

  it('stops, without repeating contracts, when the server ignores reg_ini', async () => {
    const { contracts, pages } = await walk({ contracts: 25, paging: 'ignored' }, 10);
    expect(contracts.map((contract) => contract.contractId)).toEqual(ids(10));
    expect(pages).toHaveLength(2);
  });

  it('rejects a page size that is not a positive whole number before any request', async () => {
    const error = await walk({ contracts: 5 }, 2.5).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({ field: 'pageSize' });
    expect(gateways[0]?.tokenRequests).toHaveLength(0);
  });
});
