import { readFile, writeFile } from 'node:fs/promises';
import { afterAll, beforeAll, expect, vi } from 'vitest';
import { localServer } from './local-server.js';

/** One request exactly as it reached the server. */
export interface WireRequest {
  method: string;
  /** The request target as sent: path and query. */
  target: string;
  /** The header lines in the order they came, names lower-cased. */
  headers: readonly (readonly [string, string])[];
  body: string;
}

/** What the recorder answers a request with: a status and a JSON body. */
export interface WireReply {
  status: number;
  body: unknown;
}

/**
 * A real HTTP server on 127.0.0.1 that keeps every request as it arrived (`requests`) and
 * answers each with `reply`'s JSON. `close()` stops it.
 */
export async function wireRecorder(reply: (request: WireRequest) => WireReply) {
  const requests: WireRequest[] = [];
  const server = await localServer((request, response, body) => {
    const headers: [string, string][] = [];
    const raw = request.rawHeaders;
    for (let index = 0; index < raw.length; index += 2) {
      headers.push([(raw[index] ?? '').toLowerCase(), raw[index + 1] ?? '']);
    }
    const received = { method: request.method ?? '', target: request.url ?? '', headers, body };
    requests.push(received);
    const answer = reply(received);
    response.writeHead(answer.status, { 'content-type': 'application/json' });
    response.end(JSON.stringify(answer.body));
  });
  return { ...server, requests };
}

/**
 * The requests `send` makes to a recorder answering with `reply`, given the recorder's URL;
 * the recorder is stopped whatever happens.
 */
export async function recordRequests(
  reply: (request: WireRequest) => WireReply,
  send: (url: string) => Promise<unknown>,
): Promise<WireRequest[]> {
  const recorder = await wireRecorder(reply);
  try {
    await send(recorder.url);
    return recorder.requests;
  } finally {
    await recorder.close();
  }
}

/**
 * The headers Node's fetch adds by itself, with its values: they belong to the runtime, not to
 * the client, so a golden file leaves them out (a client that sets one differently shows it).
 * `host` names the local server's port and is always left out.
 */
const RUNTIME_HEADERS: Readonly<Record<string, string>> = {
  accept: '*/*',
  'accept-encoding': 'gzip, deflate',
  'accept-language': '*',
  connection: 'keep-alive',
  'sec-fetch-mode': 'cors',
  'user-agent': 'node',
};

/**
 * A request as text, `.http` style: `METHOD target`, the client's header lines sorted, a blank
 * line, the body bytes. Each value of `markers` (a secret, or a value that must differ on every
 * run) becomes `<name>`, also where it is form-encoded; an unexpected value stays and shows.
 */
export function renderRequest(
  request: WireRequest | undefined,
  markers: Readonly<Record<string, string>> = {},
): string {
  if (!request) throw new Error('no request reached the recorder');
  const headers = request.headers
    .filter(([name, value]) => name !== 'host' && RUNTIME_HEADERS[name] !== value)
    .map(([name, value]) => `${name}: ${value}`)
    .sort();
  return mark(
    [`${request.method} ${request.target}`, ...headers, '', request.body].join('\n'),
    markers,
  );
}

/** `text` with each marker's value (and its form-encoded form) replaced by `<name>`. */
export function mark(text: string, markers: Readonly<Record<string, string>>): string {
  // Longest first, so a value that contains another is replaced whole.
  const entries = Object.entries(markers).sort(([, a], [, b]) => b.length - a.length);
  let marked = text;
  for (const [name, value] of entries) {
    if (value === '') throw new Error(`marker <${name}> has an empty value`);
    for (const form of new Set([value, new URLSearchParams({ v: value }).toString().slice(2)])) {
      marked = marked.replaceAll(form, `<${name}>`);
    }
  }
  return marked;
}

/** Set to `1` to rewrite the golden files from what the clients send (then add a changeset). */
export const UPDATE_GOLDEN_ENV = 'TELCOPAY_UPDATE_GOLDEN';

const HEADER_LINE = /^#.*$/;

/**
 * Compares `text` with the golden file byte for byte. The file starts with `#` lines that must
 * say where its format comes from (`# source: …`), then a blank line, then the expected text
 * and one final newline. With TELCOPAY_UPDATE_GOLDEN=1 the text is written under the header.
 */
export async function expectGolden(file: URL, text: string): Promise<void> {
  const stored = await readFile(file, 'utf8');
  const lines = stored.split('\n');
  const headerLength = lines.findIndex((line) => !HEADER_LINE.test(line));
  const header = lines.slice(0, headerLength);
  if (
    headerLength < 1 ||
    !header.some((line) => /^# source: \S/.test(line)) ||
    lines[headerLength] !== ''
  ) {
    throw new Error(
      `${file.pathname} must start with '#' lines, one of them '# source: …' (where the format comes from), then a blank line.`,
    );
  }
  const expected = lines.slice(headerLength + 1).join('\n');
  if (process.env[UPDATE_GOLDEN_ENV] === '1' && expected !== `${text}\n`) {
    await writeFile(file, `${header.join('\n')}\n\n${text}\n`);
    return;
  }
  expect(`${text}\n`, `${file.pathname} (${UPDATE_GOLDEN_ENV}=1 rewrites it)`).toBe(expected);
}

/**
 * Freezes `Date` at `iso` for the test file (timers still run), so what a client derives from
 * the clock (a nonce, a JWT's `iat`) is the same on every run.
 */
export function freezeDate(iso: string): void {
  beforeAll(() => {
    vi.useFakeTimers({ toFake: ['Date'], now: new Date(iso) });
  });
  afterAll(() => {
    vi.useRealTimers();
  });
}
