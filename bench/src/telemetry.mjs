// Telemetry overhead: the in-process CPU per call of each client without telemetry (the default),
// with `openTelemetry()` and no SDK registered (the API's no-op tracer and meter), and with the
// OpenTelemetry SDK recording every span and metric (its spans handed to an exporter that drops
// them, so no I/O is counted). Same answering fetch and rounds as the overhead breakdown.
import { trace } from '@opentelemetry/api';
import { MeterProvider, MetricReader } from '@opentelemetry/sdk-metrics';
import { BasicTracerProvider, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { openTelemetry } from '@telcopay/core/opentelemetry';
import { answeringFetch } from './breakdown.mjs';
import { cpuPerCall } from './cpu.mjs';
import { ratioSpread } from './overhead.mjs';
import { SCENARIOS } from './scenarios.mjs';
import { median } from './stats.mjs';
import { formatMicros } from './table.mjs';

const SECTION = 'telemetry overhead (in-process CPU/call)';
const BASE_URL = 'http://127.0.0.1:9';
const ABSENT = 'no telemetry option';
const NO_SDK = 'openTelemetry(), no SDK registered';
const SDK = 'openTelemetry() with the SDK';

/** An exporter that takes every span and keeps none. */
const DROPPING_EXPORTER = {
  export: (_spans, done) => done({ code: 0 }),
  shutdown: async () => {},
};

/** A metric reader that is never read: the SDK still aggregates every measurement. */
class IdleReader extends MetricReader {
  async onForceFlush() {}
  async onShutdown() {}
}

export async function measureTelemetryOverhead(iterations) {
  if (trace.getTracerProvider().getTracer('probe').startSpan('probe').isRecording()) {
    throw new Error('a global OpenTelemetry SDK is registered: the no-SDK figure would be wrong');
  }
  const tracerProvider = new BasicTracerProvider({
    spanProcessors: [new SimpleSpanProcessor(DROPPING_EXPORTER)],
  });
  const meterProvider = new MeterProvider({ readers: [new IdleReader()] });
  const telemetries = {
    [NO_SDK]: openTelemetry(),
    [SDK]: openTelemetry({ tracerProvider, meterProvider }),
  };
  const rows = [];
  try {
    for (const scenario of SCENARIOS) {
      const fetch = answeringFetch(scenario.routes);
      const call = (telemetry) => {
        const client = scenario.createClient({ baseUrl: BASE_URL, fetch, telemetry });
        return () => scenario.call(client);
      };
      // Each against its own no-telemetry twin, so that neither variant shapes the other's run.
      for (const name of [NO_SDK, SDK]) {
        const samples = await cpuPerCall(
          { [ABSENT]: call(undefined), [name]: call(telemetries[name]) },
          iterations,
        );
        const absent = median(samples[ABSENT]);
        const micros = median(samples[name]);
        rows.push({
          section: SECTION,
          name: `${scenario.api}: ${name}`,
          value: formatMicros(micros),
          reference: `${formatMicros(absent)} (${ABSENT})`,
          ratio: micros / absent,
          note: `${micros >= absent ? '+' : '−'}${formatMicros(Math.abs(micros - absent))} per call; ${ratioSpread(samples[name], samples[ABSENT])}`,
        });
      }
    }
  } finally {
    await Promise.all([tracerProvider.shutdown(), meterProvider.shutdown()]);
  }
  return rows;
}
