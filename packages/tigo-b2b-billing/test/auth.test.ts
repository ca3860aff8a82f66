import { AuthError, SecretRegistry } from '@telcopay/core';
import { describe, expect, it } from 'vitest';
import { basicCredentials, isInvalidAccessTokenFault, parseAccessToken } from '../src/auth.js';

/** The seed's token answer shape (providers.md §3): every value a string. */
const APIGEE_ANSWER = {
  issued_at: '1709651537123',
  application_name: '7d2c9a4e-51b3-4f6e-9c08-3e1f2a6b5d47',
  scope: '',
  status: 'approved',
  expires_in: '172799',
  client_id: 'Xq3lHd8WfGk2Vp7sNr5TbZc9MyAe4Uo1',
  access_token: 'kP9sT2vW5xY8zA1bC4dE7fG0hJ3m',
  token_type: 'BearerToken',
};

describe('basicCredentials', () => {
  it.each([
    ['ascii-id', 'ascii-secret'],
    ['id', 'señor/secreto+=ñ'],
  ])('encodes %s:%s as base64 of its UTF-8 bytes', (id, secret) => {
    const expected = Buffer.from(`${id}:${secret}`, 'utf8').toString('base64');
    expect(basicCredentials(id, secret)).toBe(expected);
  });
});

describe('parseAccessToken', () => {
  it('reads the string lifetime as seconds and registers the token as a secret', () => {
    const secrets = new SecretRegistry();
    expect(parseAccessToken(APIGEE_ANSWER, 200, secrets)).toEqual({
      token: APIGEE_ANSWER.access_token,
      expiresInSeconds: 172_799,
    });
    expect(secrets.redactText(`x ${APIGEE_ANSWER.access_token} x`)).toBe('x [REDACTED] x');
  });

  it('also takes a lifetime sent as a number', () => {
    expect(
      parseAccessToken({ ...APIGEE_ANSWER, expires_in: 3600 }, 200, new SecretRegistry()),
    ).toMatchObject({ expiresInSeconds: 3600 });
  });

  it.each([
    ['an empty lifetime', { expires_in: '' }],
    ['a word', { expires_in: 'never' }],
    ['a negative number', { expires_in: '-5' }],
    ['a fraction', { expires_in: '1.5' }],
    ['zero', { expires_in: '0' }],
    ['no lifetime', { expires_in: undefined }],
    ['an empty token', { access_token: '' }],
    ['no token', { access_token: undefined }],
  ])('refuses %s with an AuthError that hides the token', (_, change) => {
    const answer = { ...APIGEE_ANSWER, ...change };
    let caught: unknown;
    try {
      parseAccessToken(answer, 200, new SecretRegistry());
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(AuthError);
    expect(caught).toMatchObject({
      provider: 'tigo-b2b-billing',
      operation: 'requestAccessToken',
      status: 200,
      retryable: false,
    });
    expect(JSON.stringify(caught)).not.toContain(APIGEE_ANSWER.access_token);
  });

  it('refuses an answer that is not an object', () => {
    expect(() => parseAccessToken(null, 200, new SecretRegistry())).toThrow(AuthError);
    expect(() => parseAccessToken('token', 200, new SecretRegistry())).toThrow(AuthError);
  });
});

describe('isInvalidAccessTokenFault', () => {
  const fault = {
    fault: {
      faultstring: 'Invalid access token',
      detail: { errorcode: 'oauth.v2.InvalidAccessToken' },
    },
  };

  it("recognises Apigee's invalid-token fault on a 401", () => {
    expect(isInvalidAccessTokenFault(401, fault)).toBe(true);
  });

  it.each([
    ['another status', 403, fault],
    ['another fault code', 401, { fault: { faultstring: 'x', detail: { errorcode: 'other' } } }],
    ['the backend refusal', 401, { error: { statusCode: '401', message: 'Not Authorized' } }],
    ['no body', 401, undefined],
    ['a text body', 401, 'Invalid access token'],
  ])('ignores %s', (_, status, body) => {
    expect(isInvalidAccessTokenFault(status, body)).toBe(false);
  });
});
