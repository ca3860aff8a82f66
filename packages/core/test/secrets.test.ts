import { describe, expect, it } from 'vitest';
import { REDACTED, SecretRegistry } from '../src/index.js';

describe('SecretRegistry', () => {
  const registry = new SecretRegistry(
    ['s3cr3t-token', 'key+with/special=chars', undefined, 'ab'],
    ['API-Signature'],
  );

  it('replaces every occurrence of a secret, raw and URL-encoded', () => {
    expect(registry.redactText('token=s3cr3t-token&again=s3cr3t-token')).toBe(
      `token=${REDACTED}&again=${REDACTED}`,
    );
    expect(registry.redactText(`k=${encodeURIComponent('key+with/special=chars')}`)).toBe(
      `k=${REDACTED}`,
    );
  });

  it('ignores values too short to be credentials', () => {
    expect(registry.redactText('ab cd')).toBe('ab cd');
  });

  it('redacts nested values and every sensitive key, without touching the input', () => {
    const input = {
      note: 'sent s3cr3t-token',
      headers: { Authorization: 'Bearer whatever', 'api-signature': 'abc123', accept: 'json' },
      list: [{ client_secret: 'x' }, 'plain', 3],
      pin: '1234',
    };
    expect(registry.redact(input)).toEqual({
      note: `sent ${REDACTED}`,
      headers: { Authorization: REDACTED, 'api-signature': REDACTED, accept: 'json' },
      list: [{ client_secret: REDACTED }, 'plain', 3],
      pin: REDACTED,
    });
    expect(input.headers.Authorization).toBe('Bearer whatever');
  });

  it('survives circular structures', () => {
    const loop: Record<string, unknown> = { a: 's3cr3t-token' };
    loop.self = loop;
    expect(registry.redact(loop)).toEqual({ a: REDACTED, self: '[Circular]' });
  });

  it("redacts a provider's own secret names only where that provider declared them", () => {
    const headers = {
      'api-signature': 'abc123',
      api_signature: 'abc123',
      Authorization: 'Basic x',
    };
    expect(registry.redact(headers)).toEqual({
      'api-signature': REDACTED,
      api_signature: REDACTED,
      Authorization: REDACTED,
    });
    expect(new SecretRegistry().redact(headers)).toEqual({
      'api-signature': 'abc123',
      api_signature: 'abc123',
      Authorization: REDACTED,
    });
  });

  it('learns secrets at run time', () => {
    const runtime = new SecretRegistry();
    expect(runtime.redactText('access-token-1')).toBe('access-token-1');
    runtime.add('access-token-1');
    expect(runtime.redactText('access-token-1')).toBe(REDACTED);
  });

  it('reduces a low-level cause to name, code and a redacted message', () => {
    const cause = new TypeError('fetch failed for ?api_token=s3cr3t-token', {
      cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }),
    });
    expect(registry.describeCause(cause)).toEqual({
      name: 'TypeError',
      message: `fetch failed for ?api_token=${REDACTED}: connect ECONNREFUSED`,
      code: 'ECONNREFUSED',
    });
    expect(registry.describeCause('not an error')).toBeUndefined();
  });
});
