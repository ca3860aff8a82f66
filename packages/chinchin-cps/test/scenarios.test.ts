// The client through the mocks' scenarios, over HTTP and in-process.
import { AuthError, OutcomeUnknownError } from '@telcopay/core';
import { describeScenarios } from '@telcopay/testing';
import { expect, it } from 'vitest';
import { createChinchinCpsClient, SERVICE_IDS } from '../src/index.js';

const PAYMENT = {
  numberService: '04243675525',
  idTypeService: SERVICE_IDS.MOVISTAR_PREPAGO,
  amount: 10,
};

describeScenarios('chinchin-cps', (transport) => {
  const client = () => {
    const { options, requests } = transport.connect();
    return {
      chinchin: createChinchinCpsClient({
        apiKey: 'scenario-public-key',
        apiSecret: 'scenario-private-key',
        ...options,
      }),
      requests,
    };
  };

  it('a lost answer on payService is an OutcomeUnknownError with the reconciliation data', async () => {
    await transport.scenario('payService', ['reset']);
    const { chinchin, requests } = client();
    const error = await chinchin.payService(PAYMENT).catch((e) => e);
    expect(error).toBeInstanceOf(OutcomeUnknownError);
    expect(error.reconciliation.advice).not.toBe('');
    expect(error.requestIds).toMatchObject({ numberService: PAYMENT.numberService });
    expect(requests).toHaveLength(1);
  });

  it('[http-503, success] on a read: one retry, then the data', async () => {
    await transport.scenario('listBasicServices', ['http-503', 'success']);
    const { chinchin, requests } = client();
    expect(await chinchin.listBasicServices({ canGetBalance: false })).toBeInstanceOf(Object);
    expect(requests).toHaveLength(2);
  });

  it('a refused signature is an AuthError, not sent again', async () => {
    await transport.scenario('getServiceBalance', ['expired-token']);
    const { chinchin, requests } = client();
    await expect(
      chinchin.getServiceBalance({
        numberService: '02123457654',
        idTypeService: SERVICE_IDS.DIGITEL_FIJO,
      }),
    ).rejects.toBeInstanceOf(AuthError);
    expect(requests).toHaveLength(1);
  });
});
