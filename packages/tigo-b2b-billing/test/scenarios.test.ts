// The client through the mocks' scenarios, over HTTP and in-process.
import { OutcomeUnknownError } from '@telcopay/core';
import { describeScenarios } from '@telcopay/testing';
import { expect, it } from 'vitest';
import { TOKEN_PATH } from '../src/environments.js';
import { createTigoB2bBillingClient } from '../src/index.js';
import { CUSTOMER, PAYMENT } from './payment.js';

describeScenarios('tigo-b2b-billing', (transport) => {
  const client = () => {
    const { options, requests } = transport.connect();
    const sent = (path: string) => requests.filter((r) => new URL(r.url).pathname.endsWith(path));
    return {
      tigo: createTigoB2bBillingClient({
        clientId: 'scenario-client',
        clientSecret: 'scenario-secret',
        ...options,
      }),
      sent,
    };
  };

  it('a lost answer on checkoutPayment is an OutcomeUnknownError with the reconciliation data', async () => {
    await transport.scenario('checkoutPayment', ['reset']);
    const { tigo, sent } = client();
    const error = await tigo.checkoutPayment({ ...CUSTOMER, payment: PAYMENT }).catch((e) => e);
    expect(error).toBeInstanceOf(OutcomeUnknownError);
    expect(error.reconciliation.advice).not.toBe('');
    expect(sent('/checkout')).toHaveLength(1);
  });

  it('[503, success] on a read (503 through its documented default): one retry, then the data', async () => {
    await transport.scenario('getContract', [503, 'success']);
    const { tigo, sent } = client();
    expect(await tigo.getContract({ contractId: 8001234567 })).toBeInstanceOf(Object);
    expect(sent('/contracts/8001234567')).toHaveLength(2);
  });

  it('an expired token: one refresh, then the call again', async () => {
    await transport.scenario('getContract', ['expired-token']);
    const { tigo, sent } = client();
    expect(await tigo.getContract({ contractId: 8001234567 })).toBeInstanceOf(Object);
    expect(sent('/contracts/8001234567')).toHaveLength(2);
    expect(sent(TOKEN_PATH)).toHaveLength(2);
  });
});
