import { ApiError, type TelcopayError } from '@telcopay/core';
import { mockUrl, recordingFetch } from '@telcopay/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { createMasstackPartnersClient } from '../src/index.js';
import { FEBRUARY_INVOICE, SERVICE, UUID_V4, VALID_CALLS } from './fixtures.js';

const TOKEN = 'masstack-static-jwt-7d1e0b';
/** A caller's id, unlike the one the mock echoes from the spec's example. */
const CALLER_ID = '0b6f1f8e-2d4c-4a57-9e3b-8c1d2e3f4a5b';
let baseUrl: string;

beforeAll(() => {
  baseUrl = mockUrl('masstack-partners');
});

function client() {
  const recorder = recordingFetch();
  const masstack = createMasstackPartnersClient({ token: TOKEN, baseUrl, fetch: recorder.fetch });
  return { masstack, requests: recorder.requests };
}

function rejection(promise: Promise<unknown>): Promise<TelcopayError> {
  return promise.then(
    () => expect.fail('expected the call to fail'),
    (error: TelcopayError) => error,
  );
}

describe('Request-Correlation-Id', () => {
  it.each(Object.entries(VALID_CALLS))(
    '%s sends the caller id, with the bearer token, and resolves to it beside the body',
    async (_operation, { send }) => {
      const { masstack, requests } = client();
      const result = await send(masstack, undefined, CALLER_ID);
      expect(result.correlationId).toBe(CALLER_ID);
      expect(result.data).toBeTypeOf('object');
      expect(requests).toHaveLength(1);
      expect(requests[0]?.headers.get('request-correlation-id')).toBe(CALLER_ID);
      expect(requests[0]?.headers.get('authorization')).toBe(`Bearer ${TOKEN}`);
    },
  );

  it('generates a fresh uuid per call when the caller gives none, and sends it', async () => {
    const { masstack, requests } = client();
    const input = { ...SERVICE, body: FEBRUARY_INVOICE };
    const first = await masstack.createNonSubscribableMovement(input);
    const second = await masstack.createNonSubscribableMovement(input);
    expect(first.correlationId).toMatch(UUID_V4);
    expect(second.correlationId).toMatch(UUID_V4);
    expect(second.correlationId).not.toBe(first.correlationId);
    expect(requests.map((request) => request.headers.get('request-correlation-id'))).toEqual([
      first.correlationId,
      second.correlationId,
    ]);
  });

  it('the reported id wins over a Request-Correlation-Id in the call headers', async () => {
    const { masstack, requests } = client();
    const result = await masstack.createNonSubscribableMovement(
      { ...SERVICE, body: FEBRUARY_INVOICE, correlationId: CALLER_ID },
      { headers: { 'request-correlation-id': '11111111-2222-4333-8444-555555555555' } },
    );
    expect(result.correlationId).toBe(CALLER_ID);
    expect(requests[0]?.headers.get('request-correlation-id')).toBe(CALLER_ID);
  });

  it('is on a 406 DUPLICATE_WORKFLOW_ID error, with the unique id, not retryable', async () => {
    const { masstack } = client();
    const error = await rejection(
      masstack.createNonSubscribableMovement(
        { ...SERVICE, body: FEBRUARY_INVOICE, correlationId: CALLER_ID },
        { headers: { Prefer: 'code=406, example=duplicateWorkflowId' } },
      ),
    );
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      status: 406,
      correlationId: CALLER_ID,
      idempotencyKey: FEBRUARY_INVOICE.external_movement_unique_id,
      retryable: false,
      body: { code: 'DUPLICATE_WORKFLOW_ID' },
    });
    expect(JSON.stringify(error)).toContain(CALLER_ID);
  });

  it('is on an error when generated, equal to the id that was sent', async () => {
    const { masstack, requests } = client();
    const error = await rejection(
      masstack.deleteMovement(
        { ...SERVICE, movementId: 'unknown' },
        { headers: { Prefer: 'code=404' } },
      ),
    );
    expect(error.status).toBe(404);
    expect(error.correlationId).toMatch(UUID_V4);
    expect(error.correlationId).toBe(requests[0]?.headers.get('request-correlation-id'));
  });
});

describe('idempotency', () => {
  it.each(Object.entries(VALID_CALLS))(
    '%s may be sent again: a 500 is retryable and carries its caller-unique id',
    async (_operation, { send, idempotencyKey }) => {
      const { masstack } = client();
      const error = await rejection(send(masstack, { headers: { Prefer: 'code=500' } }));
      expect(error).toBeInstanceOf(ApiError);
      expect(error.status).toBe(500);
      expect(error.retryable).toBe(true);
      expect(error.idempotencyKey).toBe(idempotencyKey);
    },
  );
});
