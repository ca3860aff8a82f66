import {
  type Attributes,
  type AttributeValue,
  type Context,
  type Counter,
  context,
  createNoopMeter,
  type Histogram,
  type MeterProvider,
  metrics,
  type Span,
  SpanKind,
  SpanStatusCode,
  type Tracer,
  type TracerProvider,
  trace,
} from '@opentelemetry/api';
import { OutcomeUnknownError } from './errors.js';
import {
  type AttemptTelemetry,
  type CallFacts,
  type CallTelemetry,
  type HttpFacts,
  type RetryReport,
  type Telemetry,
  UNOBSERVED_CALL,
} from './telemetry.js';

/** The instrumentation scope of every span and metric. */
const SCOPE = '@telcopay/core';

export interface OpenTelemetryOptions {
  /** Where the spans go. Default: the global tracer provider (the registered SDK's). */
  tracerProvider?: TracerProvider | undefined;
  /** Where the metrics go. Default: the global meter provider (the registered SDK's). */
  meterProvider?: MeterProvider | undefined;
}

/**
 * Spans and metrics of every call, through `@opentelemetry/api`: a client span per call
 * (`<provider> <operationId>`), a child span per HTTP attempt, retry events, the outcome (`ok`,
 * `error`, `outcome_unknown` with its reconciliation), and the call's token request nested under
 * it. Attributes carry references (ids, keys, the reconciliation's request ids), never a secret.
 */
export function openTelemetry(options: OpenTelemetryOptions = {}): Telemetry {
  let instruments: Instruments | undefined;
  return {
    startCall(facts) {
      // Looked up at the first call, so an SDK registered after the client was built is used.
      instruments ??= createInstruments(options);
      return observeCall(instruments, facts);
    },
  };
}

interface Instruments {
  tracer: Tracer;
  /** True when no SDK takes the metrics (the API's no-op meter). */
  metricsOff: boolean;
  duration: Histogram;
  retries: Counter;
  outcomeUnknown: Counter;
  tokenRequests: Counter;
  retryBudgetExhausted: Counter;
}

function createInstruments(options: OpenTelemetryOptions): Instruments {
  const meter = (options.meterProvider ?? metrics.getMeterProvider()).getMeter(SCOPE);
  return {
    tracer: (options.tracerProvider ?? trace.getTracerProvider()).getTracer(SCOPE),
    metricsOff: meter instanceof createNoopMeter().constructor,
    duration: meter.createHistogram('telcopay.call.duration', {
      unit: 's',
      description: 'Duration of a logical call, with its retries and token request.',
    }),
    retries: meter.createCounter('telcopay.call.retries', {
      description: 'Attempts sent again (after an error, or a refused access token).',
    }),
    outcomeUnknown: meter.createCounter('telcopay.call.outcome_unknown', {
      description: 'Money-moving calls whose answer was lost: reconcile each one.',
    }),
    tokenRequests: meter.createCounter('telcopay.token.requests', {
      description: 'Requests to a token endpoint.',
    }),
    retryBudgetExhausted: meter.createCounter('telcopay.retry_budget.exhausted', {
      description: 'Retry-safe calls not retried because the retry budget was spent.',
    }),
  };
}

function observeCall(instruments: Instruments, facts: CallFacts): CallTelemetry {
  const started = performance.now();
  const parent = context.active();
  const span = instruments.tracer.startSpan(
    `${facts.provider} ${facts.operation}`,
    { kind: SpanKind.CLIENT, attributes: callAttributes(facts) },
    parent,
  );
  // A span that is not recorded (no SDK, or not sampled) gets no attempts and no attributes;
  // the metrics are recorded all the same. With neither, the call is not observed at all.
  const recording = span.isRecording();
  if (!recording && instruments.metricsOff) return UNOBSERVED_CALL;
  const inside = trace.setSpan(parent, span);
  const labels = { 'telcopay.provider': facts.provider, 'telcopay.operation': facts.operation };
  let attempts = 0;
  return {
    within: (work) => context.with(inside, work),
    startAttempt(number) {
      attempts = number;
      return recording && facts.http
        ? startAttempt(instruments.tracer, inside, facts.http, number)
        : NO_SPAN;
    },
    retry({ reason, delayMs, status }: RetryReport) {
      span.addEvent('retry', {
        'telcopay.retry.reason': reason,
        'telcopay.retry.delay_ms': delayMs,
        ...(status === undefined ? {} : { 'http.response.status_code': status }),
      });
      instruments.retries.add(1, { ...labels, 'telcopay.retry.reason': reason });
    },
    retryBudgetExhausted() {
      span.addEvent('retry_budget_exhausted');
      instruments.retryBudgetExhausted.add(1, labels);
    },
    end(error) {
      const outcome = outcomeOf(error);
      const errorType = error === undefined ? undefined : errorTypeOf(error);
      const results = {
        'telcopay.outcome': outcome,
        ...(errorType === undefined ? {} : { 'error.type': errorType }),
      };
      if (recording) {
        span.setAttributes({
          ...results,
          'telcopay.attempts': attempts,
          ...errorAttributes(error),
        });
        if (error !== undefined) {
          span.setStatus({ code: SpanStatusCode.ERROR, message: messageOf(error) });
        }
      }
      span.end();
      instruments.duration.record((performance.now() - started) / 1000, { ...labels, ...results });
      if (outcome === 'outcome_unknown') instruments.outcomeUnknown.add(1, labels);
      if (facts.tokenRequest) {
        instruments.tokenRequests.add(1, {
          'telcopay.provider': facts.provider,
          'telcopay.outcome': outcome,
        });
      }
    },
  };
}

/** `ok`; `outcome_unknown` when a money-moving call's answer was lost; `error` otherwise. */
function outcomeOf(error: unknown): 'ok' | 'error' | 'outcome_unknown' {
  if (error === undefined) return 'ok';
  return error instanceof OutcomeUnknownError ? 'outcome_unknown' : 'error';
}

/** The call span's own attributes: what the call is, and the references that identify it. */
function callAttributes(facts: CallFacts): Attributes {
  const attributes: Attributes = {
    'telcopay.provider': facts.provider,
    'telcopay.operation': facts.operation,
    'telcopay.safety': facts.safety,
  };
  const { idempotencyKey, correlationId } = facts;
  if (idempotencyKey !== undefined) attributes['telcopay.idempotency_key'] = idempotencyKey;
  if (correlationId !== undefined) attributes['telcopay.correlation_id'] = correlationId;
  if (facts.tokenRequest) attributes['telcopay.token_request'] = true;
  return attributes;
}

/** An error's provider request id; an unknown outcome's reconciliation and request ids (redacted). */
function errorAttributes(error: unknown): Attributes {
  const attributes: Attributes = {};
  const requestId = (error as { requestId?: unknown } | undefined)?.requestId;
  if (typeof requestId === 'string') attributes['telcopay.provider_request_id'] = requestId;
  if (error instanceof OutcomeUnknownError) {
    const { operation, advice } = error.reconciliation;
    if (operation !== undefined) attributes['telcopay.reconciliation.operation'] = operation;
    attributes['telcopay.reconciliation.advice'] = advice;
    for (const [name, value] of Object.entries(error.requestIds)) {
      attributes[`telcopay.request_ids.${name}`] = attributeValue(value);
    }
  }
  return attributes;
}

/** An HTTP attempt: a client span under the call, as the HTTP semantic conventions name it. */
function startAttempt(
  tracer: Tracer,
  call: Context,
  http: HttpFacts,
  number: number,
): AttemptTelemetry {
  const url = new URL(http.url);
  const port = url.port ? Number(url.port) : url.protocol === 'https:' ? 443 : 80;
  const span: Span = tracer.startSpan(
    `${http.method} ${http.route}`,
    {
      kind: SpanKind.CLIENT,
      attributes: {
        'http.request.method': http.method,
        'server.address': url.hostname,
        'server.port': port,
        'url.template': http.route,
        ...(number > 1 ? { 'http.request.resend_count': number - 1 } : {}),
      },
    },
    call,
  );
  return {
    end(status, error) {
      if (status !== undefined) span.setAttribute('http.response.status_code', status);
      // An HTTP error is typed by its status, a network failure by its code, others by class.
      const failed = error !== undefined || (status !== undefined && status >= 400);
      if (failed) {
        const code = (error as { cause?: { code?: unknown } } | undefined)?.cause?.code;
        const type =
          status !== undefined && status >= 400
            ? String(status)
            : typeof code === 'string'
              ? code
              : errorTypeOf(error);
        span.setAttribute('error.type', type);
        // The call span carries the message: the attempt says only what failed.
        span.setStatus({ code: SpanStatusCode.ERROR });
      }
      span.end();
    },
  };
}

const NO_SPAN: AttemptTelemetry = { end: () => {} };

function errorTypeOf(error: unknown): string {
  return error instanceof Error ? error.name : '_OTHER';
}

/** The error's message: a telcopay message is already redacted; another error's is not kept. */
function messageOf(error: unknown): string {
  return error instanceof Error && 'provider' in error ? error.message : errorTypeOf(error);
}

function attributeValue(value: unknown): AttributeValue {
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
    return value;
  }
  if (Array.isArray(value) && value.every((item) => typeof item === 'string')) return value;
  return JSON.stringify(value, (_, item) => (typeof item === 'bigint' ? String(item) : item));
}
