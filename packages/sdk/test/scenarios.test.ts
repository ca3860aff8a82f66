// The SDK facade through the mocks' scenarios, over HTTP and in-process: what `topups.send`
// gives a caller when the provider's answer is lost.
import { describeScenarios } from '@telcopay/testing';
import { expect, it } from 'vitest';
import { createTelcopay, OutcomeUnknownError, qvatel, stoneTopups } from '../src/index.js';
import { CREDENTIALS } from './credentials.js';

describeScenarios('qvatel', (transport) => {
  it('topups.send: a lost answer is an OutcomeUnknownError with the reconciliation data', async () => {
    await transport.scenario('sendRecharge', ['reset']);
    const { options, requests } = transport.connect();
    const telcopay = createTelcopay({
      environment: 'mock',
      qvatel: qvatel({ ...CREDENTIALS.qvatel, ...options }),
    });
    const error = await telcopay.topups
      .send({
        provider: 'qvatel',
        destination: '52942387',
        amount: { amountMinor: 2000, currency: 'CUP' },
      })
      .catch((e) => e);
    expect(error).toBeInstanceOf(OutcomeUnknownError);
    expect(error.reconciliation.operation).toBe('getRechargeBalance');
    expect(requests).toHaveLength(1);
  });
});

describeScenarios('stone-topups', (transport) => {
  it('topups.send: a lost answer is sent again with the same key, then succeeds', async () => {
    await transport.scenario('confirm', ['reset']);
    const { options, requests } = transport.connect();
    const telcopay = createTelcopay({
      environment: 'mock',
      stoneTopups: stoneTopups({ ...CREDENTIALS.stoneTopups, ...options }),
    });
    const result = await telcopay.topups.send({
      provider: 'stoneTopups',
      destination: '10036389709',
      product: '2126:10900',
    });
    expect(result.status).toBe('succeeded');
    const confirms = requests.filter((r) => new URL(r.url).pathname === '/api/v1/topups/tv');
    expect(confirms).toHaveLength(2);
    expect(confirms[1]?.headers.get('x-stone-idempotency-key')).toBe(
      confirms[0]?.headers.get('x-stone-idempotency-key'),
    );
  });
});
