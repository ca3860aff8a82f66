import { createHmac } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';

const SECRET = 'chinchin-private-key-5be93f0a';
const MESSAGE = '/v2/list/basic_services1670525711124{"canGetBalance":false}';
const EXPECTED = createHmac('sha384', SECRET).update(MESSAGE).digest('hex');

afterEach(() => {
  vi.unstubAllGlobals();
  vi.resetModules();
});

describe('hmacSha384Signer', () => {
  it('signs in place where node:crypto is there', async () => {
    const { hmacSha384Signer } = await import('../src/hmac.js');
    expect(hmacSha384Signer(SECRET)(MESSAGE)).toBe(EXPECTED);
  });

  it('signs the same bytes over Web Crypto where there is no node:crypto (a browser, a worker)', async () => {
    vi.stubGlobal('process', { ...process, getBuiltinModule: undefined });
    vi.resetModules();
    const { hmacSha384Signer } = await import('../src/hmac.js');
    const signature = hmacSha384Signer(SECRET)(MESSAGE);
    expect(signature).toBeInstanceOf(Promise);
    expect(await signature).toBe(EXPECTED);
  });
});
