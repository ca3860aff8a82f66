// The client through the mocks' scenarios, over HTTP and in-process: what a payments team's own
// code meets when QvaTel misbehaves.
import { AuthError, OutcomeUnknownError } from '@telcopay/core';
import { describeScenarios } from '@telcopay/testing';
import { expect, it } from 'vitest';
import { createQvatelClient } from '../src/index.js';

describeScenarios('qvatel', (transport) => {
  const client = () => {
    const { options, requests } = transport.connect();
    return { qvatel: createQvatelClient({ apiToken: 'scenario-token', ...options }), requests };
  };

  it('a lost answer on sendRecharge is an OutcomeUnknownError with the reconciliation data', async () => {
    await transport.scenario('sendRecharge', ['reset']);
    const { qvatel, requests } = client();
    const error = await qvatel.sendRecharge({ destino: '+5352942387', monto: 20 }).catch((e) => e);
    expect(error).toBeInstanceOf(OutcomeUnknownError);
    expect(error.reconciliation.operation).toBe('getRechargeBalance');
    expect(error.requestIds).toMatchObject({ destino: '+5352942387', monto: '20.00' });
    expect(requests).toHaveLength(1);
  });

  it('[http-503, success] on a read: one retry, then the data', async () => {
    await transport.scenario('getRechargeBalance', ['http-503', 'success']);
    const { qvatel, requests } = client();
    expect(await qvatel.getRechargeBalance()).toEqual({ result: 1, balance: 20 });
    expect(requests).toHaveLength(2);
  });

  it('an api_token that is no longer good is an AuthError, not sent again', async () => {
    await transport.scenario('getRechargeBalance', ['expired-token']);
    const { qvatel, requests } = client();
    await expect(qvatel.getRechargeBalance()).rejects.toBeInstanceOf(AuthError);
    expect(requests).toHaveLength(1);
  });
});
