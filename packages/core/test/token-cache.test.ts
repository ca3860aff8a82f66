import { describe, expect, it } from 'vitest';
import { createTokenCache } from '../src/index.js';

function issuer(expiresInSeconds = 3600) {
  let issued = 0;
  return {
    get count() {
      return issued;
    },
    fetchToken: async () => {
      issued += 1;
      await new Promise((resolve) => setTimeout(resolve, 5));
      return { token: `token-${issued}`, expiresInSeconds };
    },
  };
}

describe('createTokenCache', () => {
  it('shares one fetch between concurrent callers', async () => {
    const source = issuer();
    const cache = createTokenCache({ fetchToken: source.fetchToken });
    const tokens = await Promise.all(Array.from({ length: 100 }, () => cache.get()));
    expect(new Set(tokens)).toEqual(new Set(['token-1']));
    expect(source.count).toBe(1);
  });

  it('keeps the token until the refresh margin, then fetches a new one', async () => {
    let now = 0;
    const source = issuer(600);
    const cache = createTokenCache({
      fetchToken: source.fetchToken,
      refreshMarginMs: 60_000,
      now: () => now,
    });
    expect(await cache.get()).toBe('token-1');
    now = 539_000;
    expect(await cache.get()).toBe('token-1');
    now = 540_000;
    expect(await cache.get()).toBe('token-2');
  });

  it('gives the valid cached token at once, and nothing before or after its life', async () => {
    let now = 0;
    const cache = createTokenCache({ fetchToken: issuer(600).fetchToken, now: () => now });
    expect(cache.current()).toBeUndefined();
    await cache.get();
    expect(cache.current()).toBe('token-1');
    now = 540_000;
    expect(cache.current()).toBeUndefined();
  });

  it('refreshes a token shorter-lived than the margin at half its life', async () => {
    let now = 0;
    const source = issuer(10);
    const cache = createTokenCache({
      fetchToken: source.fetchToken,
      refreshMarginMs: 60_000,
      now: () => now,
    });
    await cache.get();
    now = 4_999;
    expect(await cache.get()).toBe('token-1');
    now = 5_000;
    expect(await cache.get()).toBe('token-2');
  });

  it('drops a rejected token, but not a newer one', async () => {
    const source = issuer();
    const cache = createTokenCache({ fetchToken: source.fetchToken });
    await cache.get();
    cache.invalidate('token-0');
    expect(await cache.get()).toBe('token-1');
    cache.invalidate('token-1');
    expect(await cache.get()).toBe('token-2');
  });

  it('lets the next caller try again after a failed fetch', async () => {
    let fail = true;
    const cache = createTokenCache({
      fetchToken: async () => {
        if (fail) throw new Error('token endpoint down');
        return { token: 'recovered', expiresInSeconds: 3600 };
      },
    });
    await expect(cache.get()).rejects.toThrow('token endpoint down');
    fail = false;
    await expect(cache.get()).resolves.toBe('recovered');
  });
});
