// The client through the mocks' scenarios, over HTTP and in-process.
import { describeScenarios } from '@telcopay/testing';
import { generateKeyPair } from 'jose';
import { expect, it } from 'vitest';
import { ChallengeRequiredError, createStoneTopupsClient } from '../src/index.js';
import { SEED_TOPUP, TOKEN_PATH } from './seed.js';

const { privateKey } = await generateKeyPair('RS256');

describeScenarios('stone-topups', (transport) => {
  const client = () => {
    const { options, requests } = transport.connect();
    const sent = (path: string) => requests.filter((r) => new URL(r.url).pathname === path);
    return {
      stone: createStoneTopupsClient({
        clientId: '065ecb08-2439-40c0-8e13-2b43c21743e3',
        privateKey,
        ...options,
      }),
      sent,
    };
  };

  it('a lost answer on confirm: sent again with the same idempotency key, then the receipt', async () => {
    await transport.scenario('confirm', ['reset']);
    const { stone, sent } = client();
    const receipt = await stone.confirm(SEED_TOPUP);
    const confirms = sent('/api/v1/topups/tv');
    expect(confirms).toHaveLength(2);
    const keys = confirms.map((request) => request.headers.get('x-stone-idempotency-key'));
    expect(keys[1]).toBe(keys[0]);
    expect(receipt.idempotencyKey).toBe(keys[0]);
  });

  it('[http-503, success] on a read: one retry, then the data', async () => {
    await transport.scenario('listProviders', ['http-503', 'success']);
    const { stone, sent } = client();
    expect((await stone.listProviders()).providers.length).toBeGreaterThan(0);
    expect(sent('/api/v1/topups/tv/providers')).toHaveLength(2);
  });

  it('an expired token: one refresh, then the call again', async () => {
    await transport.scenario('listProviders', ['expired-token']);
    const { stone, sent } = client();
    expect((await stone.listProviders()).providers.length).toBeGreaterThan(0);
    expect(sent(TOKEN_PATH)).toHaveLength(2);
  });

  it('the challenge flow: confirm is challenged, solveChallenge sends the PIN, the receipt comes', async () => {
    await transport.scenario('confirm', ['challengeRequired', 'success']);
    const { stone, sent } = client();
    const challenged = await stone.confirm(SEED_TOPUP).catch((e) => e);
    expect(challenged).toBeInstanceOf(ChallengeRequiredError);
    const receipt = await stone.solveChallenge({
      ...challenged.confirmInput,
      challenge: challenged.challenge,
      pin: '739153',
    });
    expect(receipt.idempotencyKey).toBe(challenged.confirmInput.idempotencyKey);
    const [first, second] = sent('/api/v1/topups/tv');
    expect(first?.headers.has('x-stone-challenge-solution')).toBe(false);
    expect(second?.headers.get('x-stone-challenge-solution')).toMatch(
      /^[\w-]+\.[\w-]*\.[\w-]+\.[\w-]+\.[\w-]+$/,
    );
  });
});
