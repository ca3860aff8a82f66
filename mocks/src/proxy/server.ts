// The validating proxy: forwards each request byte for byte to the provider, answers with the
// provider's answer byte for byte, and only then checks both against the spec.
import { mkdirSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname } from 'node:path';
import { parse } from 'yaml';
import { type ApiName, specPath } from '../apis.js';
import { checkRequest, checkResponse } from './findings.js';
import { indexInferred, judge, type ScopedItem } from './inferred.js';
import { toMarkdown } from './markdown.js';
import { loadOperations, type PrismOperation, type PrismRequest, routeRequest } from './prism.js';
import { Recorder } from './recorder.js';
import { redactPath, redactValue, secretTest } from './redact.js';
import { type ConformanceReport, ReportBuilder } from './report.js';

export interface ProxyOptions {
  /** Which API's spec judges the traffic. */
  api: ApiName;
  /** The provider's base URL (a sandbox), base path included, e.g. `https://qvatel.com/api`. */
  upstream: string;
  /**
   * Another upstream for some spec paths, e.g. a token endpoint on its own host:
   * `{ '/v1/oauth/token': 'https://sandbox-accounts.example' }`.
   */
  upstreamByPath?: Readonly<Record<string, string>>;
  /** Port on 127.0.0.1; default 0, a free one. */
  port?: number;
  /** Write the report to this file (JSON) and beside it as Markdown (`.md`), after each call. */
  report?: string;
  /** Keep each observed answer, redacted, as a candidate named example in this folder. */
  record?: string;
  /** Judge against another document than the bundled spec (a spec under development). */
  document?: string;
}

export interface RunningProxy {
  /** The proxy's base URL: give it to a client as `baseUrl`. */
  url: string;
  /** The report of the traffic so far. */
  report(): ConformanceReport;
  /** Stops listening, writes the report one last time, and waits for open calls to end. */
  stop(): Promise<void>;
}

/** Headers that belong to one connection, not to the message (RFC 9110 §7.6.1), and `host`. */
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'transfer-encoding',
  'te',
  'trailer',
  'upgrade',
  'host',
  'content-length',
  // fetch decompresses the answer: the client gets it decoded, so without its encoding.
  'accept-encoding',
  'content-encoding',
]);

export async function startProxy(options: ProxyOptions): Promise<RunningProxy> {
  const document = options.document ?? specPath(options.api);
  const [operations, inferred] = await Promise.all([
    loadOperations(document),
    readFile(document, 'utf8').then((text) => indexInferred(parse(text))),
  ]);
  const builder = new ReportBuilder(options.api);
  const recorder = options.record ? new Recorder(options.record) : undefined;
  const isSecret = secretTest(options.api);
  if (options.report) mkdirSync(dirname(options.report), { recursive: true });
  const writeReport = () => {
    if (!options.report) return;
    const report = builder.build();
    writeFileSync(options.report, `${JSON.stringify(report, null, 2)}\n`);
    writeFileSync(options.report.replace(/(\.json)?$/, '.md'), toMarkdown(report));
  };

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      if (!response.headersSent) response.writeHead(500, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ message: `The telcopay proxy failed: ${String(error)}` }));
    });
  });

  async function handle(request: IncomingMessage, response: ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const url = new URL(request.url ?? '/', 'http://proxy');
    const input = toPrismRequest(request, url, body);
    const operation = routeRequest(operations, input);
    const base = (operation && options.upstreamByPath?.[operation.path]) ?? options.upstream;
    const answer = await forward(
      `${base.replace(/\/+$/, '')}${url.pathname}${url.search}`,
      request,
      body,
    );
    response.writeHead(answer.status, toOutgoing(answer.headers));
    response.end(answer.body);
    if (!operation) {
      builder.addUnmatched(
        `${input.method.toUpperCase()} ${redactPath(url.pathname)}`,
        answer.status,
      );
    } else {
      try {
        observe(operation, input, answer);
      } catch (error) {
        // The caller has its answer already; the report only misses this one call.
        console.error(
          `telcopay proxy: could not check a call of ${operation.path}: ${String(error)}`,
        );
      }
    }
    writeReport();
  }

  function observe(operation: PrismOperation, input: PrismRequest, answer: Answer) {
    const headers = Object.fromEntries(answer.headers.entries());
    const parsed = parseBody(headers['content-type'], answer.body);
    const checked = checkResponse(operation, { statusCode: answer.status, headers, body: parsed });
    const findings = [...checkRequest(operation, input), ...checked.findings];
    const method = operation.method.toUpperCase();
    const name = operation.iid ?? operation.id;
    builder.addExchange({ operation: name, method, path: operation.path }, answer.status, findings);
    const exchange = {
      status: answer.status,
      documented: checked.documented,
      body: parsed,
      headers,
      findings,
    };
    for (const scoped of inferred.get(`${method} ${operation.path}`) ?? ([] as ScopedItem[])) {
      const judgement = judge(scoped, exchange);
      if (judgement)
        builder.addJudgement(scoped.item, { operation: name, status: answer.status, ...judgement });
    }
    if (recorder && parsed !== undefined && typeof parsed !== 'string') {
      recorder.record(
        { operation: name, method, path: operation.path },
        {
          status: answer.status,
          documented: checked.documented ?? String(answer.status),
          mediaType: headers['content-type']?.split(';')[0]?.trim() ?? 'application/json',
          value: redactValue(parsed, isSecret),
          findings,
        },
      );
    }
  }

  writeReport();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    report: () => builder.build(),
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => {
          writeReport();
          resolve();
        });
        server.closeIdleConnections();
      }),
  };
}

interface Answer {
  status: number;
  headers: Headers;
  body: Buffer;
}

async function forward(target: string, request: IncomingMessage, body: Buffer): Promise<Answer> {
  const headers = new Headers();
  for (const [name, value] of Object.entries(request.headers)) {
    if (value === undefined || HOP_BY_HOP.has(name)) continue;
    for (const one of Array.isArray(value) ? value : [value]) headers.append(name, one);
  }
  const method = request.method ?? 'GET';
  try {
    const upstream = await fetch(target, {
      method,
      headers,
      body:
        method === 'GET' || method === 'HEAD' || body.length === 0 ? null : new Uint8Array(body),
      redirect: 'manual',
    });
    const answerHeaders = new Headers();
    for (const [name, value] of upstream.headers) {
      if (!HOP_BY_HOP.has(name) && name !== 'set-cookie') answerHeaders.set(name, value);
    }
    for (const cookie of upstream.headers.getSetCookie())
      answerHeaders.append('set-cookie', cookie);
    return {
      status: upstream.status,
      headers: answerHeaders,
      body: Buffer.from(await upstream.arrayBuffer()),
    };
  } catch (error) {
    // Never the URL: its query may hold a token.
    const code = (error as { cause?: { code?: string } }).cause?.code ?? 'no answer';
    return {
      status: 502,
      headers: new Headers({ 'content-type': 'application/json' }),
      body: Buffer.from(JSON.stringify({ message: `The upstream did not answer (${code}).` })),
    };
  }
}

function toOutgoing(headers: Headers): Record<string, string | string[]> {
  const outgoing: Record<string, string | string[]> = Object.fromEntries(headers.entries());
  const cookies = headers.getSetCookie();
  if (cookies.length > 0) outgoing['set-cookie'] = cookies;
  return outgoing;
}

function toPrismRequest(request: IncomingMessage, url: URL, body: Buffer): PrismRequest {
  const query: Record<string, string | string[]> = {};
  for (const name of new Set(url.searchParams.keys())) {
    const values = url.searchParams.getAll(name);
    query[name] = values.length === 1 ? (values[0] as string) : values;
  }
  const headers = Object.fromEntries(
    Object.entries(request.headers).map(([name, value]) => [
      name,
      Array.isArray(value) ? value.join(', ') : (value ?? ''),
    ]),
  );
  return {
    method: (request.method ?? 'GET').toLowerCase(),
    url: { path: url.pathname, query },
    headers,
    body: body.length === 0 ? undefined : parseBody(headers['content-type'], body),
  };
}

/** JSON bodies parsed, others as text (Prism parses forms itself); an empty body is none. */
function parseBody(contentType: string | undefined, body: Buffer): unknown {
  if (body.length === 0) return undefined;
  const text = body.toString('utf8');
  if (!/[/+]json\b/.test(contentType ?? '')) return text;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
