import { openTelemetry } from '@telcopay/core/opentelemetry';
import { expectGolden, localServer } from '@telcopay/testing';
import { recordTelemetry, renderSpanTree } from '@telcopay/testing/telemetry';
import { expect, it } from 'vitest';
import { createQvatelClient, OutcomeUnknownError } from '../src/index.js';

const API_TOKEN = 'qvatel-secret-token-9d2e71';

it('exports the span tree of a recharge whose answer is lost, with its reconciliation and no secret', async () => {
  // The request arrives, then the connection drops before any answer.
  const server = await localServer((request) => request.socket.destroy());
  const recorder = recordTelemetry();
  try {
    const qvatel = createQvatelClient({
      apiToken: API_TOKEN,
      baseUrl: server.url,
      telemetry: openTelemetry(recorder),
    });
    const error = await qvatel
      .sendRecharge({ destino: '52942387', monto: 20 })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OutcomeUnknownError);

    const port = new URL(server.url).port;
    const tree = renderSpanTree(recorder.spanTrees()).replace(
      `server.port = ${port}`,
      'server.port = <port>',
    );
    await expectGolden(
      new URL('golden/send-recharge-lost-answer.spans.txt', import.meta.url),
      tree,
    );
    const exported = await recorder.exportedText();
    expect(exported).not.toContain(API_TOKEN);
    expect(exported).toContain('telcopay.call.outcome_unknown');
  } finally {
    await recorder.shutdown();
    await server.close();
  }
});
