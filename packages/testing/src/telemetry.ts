import { type Attributes, context, SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import {
  AggregationTemporality,
  InMemoryMetricExporter,
  MeterProvider,
  PeriodicExportingMetricReader,
} from '@opentelemetry/sdk-metrics';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  type ReadableSpan,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';

/** A span as exported, with its children: what the span-tree assertions compare. */
export interface SpanNode {
  name: string;
  kind: keyof typeof SpanKind;
  status: keyof typeof SpanStatusCode;
  statusMessage: string | undefined;
  attributes: Attributes;
  events: { name: string; attributes: Attributes }[];
  children: SpanNode[];
}

/** One data point of a metric: a counter's sum, or a histogram's count and sum. */
export interface MetricPoint {
  attributes: Attributes;
  value: number | { count: number; sum: number };
}

/**
 * The OpenTelemetry SDK as an application sets it up, exporting to memory: a tracer provider
 * with the in-memory span exporter, a meter provider with the in-memory metric exporter, and
 * the async-hooks context manager (which NodeSDK registers). `openTelemetry(recorder)` is the
 * client option that sends them there.
 */
export function recordTelemetry() {
  const spanExporter = new InMemorySpanExporter();
  const tracerProvider = new BasicTracerProvider({
    spanProcessors: [new SimpleSpanProcessor(spanExporter)],
  });
  const metricExporter = new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE);
  // Read on demand (`metrics()`), never on a timer.
  const reader = new PeriodicExportingMetricReader({
    exporter: metricExporter,
    exportIntervalMillis: 3_600_000,
  });
  const meterProvider = new MeterProvider({ readers: [reader] });
  const contextManager = new AsyncLocalStorageContextManager().enable();
  context.setGlobalContextManager(contextManager);

  return {
    tracerProvider,
    meterProvider,
    /** Every span exported so far, as trees of their parents and children. */
    spanTrees(): SpanNode[] {
      return treesOf(spanExporter.getFinishedSpans());
    },
    /** Every exported span and metric point, as text: what a secret scan reads. */
    async exportedText(): Promise<string> {
      const spans = spanExporter.getFinishedSpans().map((span) => ({
        name: span.name,
        status: span.status,
        attributes: span.attributes,
        events: span.events,
      }));
      await reader.forceFlush();
      return JSON.stringify({ spans, metrics: metricExporter.getMetrics() });
    },
    /** The data points of the metric `name`, collected now. */
    async metric(name: string): Promise<MetricPoint[]> {
      metricExporter.reset();
      await reader.forceFlush();
      const points: MetricPoint[] = [];
      for (const resource of metricExporter.getMetrics()) {
        for (const scope of resource.scopeMetrics) {
          for (const metric of scope.metrics) {
            if (metric.descriptor.name !== name) continue;
            for (const point of metric.dataPoints) {
              const value = point.value as number | { count: number; sum?: number };
              points.push({
                attributes: point.attributes,
                value:
                  typeof value === 'number' ? value : { count: value.count, sum: value.sum ?? 0 },
              });
            }
          }
        }
      }
      return points;
    },
    reset() {
      spanExporter.reset();
    },
    async shutdown() {
      context.disable();
      await Promise.all([tracerProvider.shutdown(), meterProvider.shutdown()]);
    },
  };
}

export type TelemetryRecorder = ReturnType<typeof recordTelemetry>;

/** The spans as trees, each level in the order the spans started. */
function treesOf(spans: ReadableSpan[]): SpanNode[] {
  const ordered = [...spans].sort((a, b) => compareTime(a.startTime, b.startTime));
  const ids = new Set(ordered.map((span) => span.spanContext().spanId));
  const childrenOf = (parentId: string | undefined): SpanNode[] =>
    ordered
      .filter((span) => {
        const parent = span.parentSpanContext?.spanId;
        return parentId === undefined ? !parent || !ids.has(parent) : parent === parentId;
      })
      .map((span) => ({
        name: span.name,
        kind: SpanKind[span.kind] as keyof typeof SpanKind,
        status: SpanStatusCode[span.status.code] as keyof typeof SpanStatusCode,
        statusMessage: span.status.message,
        attributes: span.attributes,
        events: span.events.map(({ name, attributes }) => ({ name, attributes: attributes ?? {} })),
        children: childrenOf(span.spanContext().spanId),
      }));
  return childrenOf(undefined);
}

function compareTime(a: [number, number], b: [number, number]): number {
  return a[0] - b[0] || a[1] - b[1];
}

/** A span tree as indented text: name, kind, status, then its attributes and events. */
export function renderSpanTree(nodes: SpanNode[], depth = 0): string {
  const pad = '  '.repeat(depth);
  return nodes
    .map((node) => {
      const status = node.statusMessage ? `${node.status}: ${node.statusMessage}` : node.status;
      const lines = [`${pad}${node.name} (${node.kind}, ${status})`];
      for (const [key, value] of Object.entries(node.attributes)) {
        lines.push(`${pad}  ${key} = ${JSON.stringify(value)}`);
      }
      for (const event of node.events) {
        lines.push(`${pad}  event ${event.name} ${JSON.stringify(event.attributes)}`);
      }
      if (node.children.length) lines.push(renderSpanTree(node.children, depth + 1));
      return lines.join('\n');
    })
    .join('\n');
}
