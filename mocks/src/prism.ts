import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { parse } from 'yaml';
import { type ApiName, specPath } from './apis.js';
import { startFront } from './front.js';
import { freePort } from './ports.js';
import { loadDocument } from './spec/load.js';
import { type OpenApiDocument, operationsOf } from './spec/operations.js';

interface PrismServer {
  close(): Promise<void>;
}

interface PrismOptions {
  document: string;
  host: string;
  port: number;
  errors: boolean;
  dynamic: boolean;
  cors: boolean;
  multiprocess: boolean;
  verboseLevel: string;
  ignoreExamples: boolean;
  seed: undefined;
  jsonSchemaFakerFillProperties: boolean;
}

// The server factory behind `prism mock` (prism-cli 5.14.2, pinned): calling it directly hosts
// several mocks in one process, loading Prism once instead of once per API.
const { createSingleProcessPrism } = createRequire(import.meta.url)(
  '@stoplight/prism-cli/dist/util/createServer.js',
) as { createSingleProcessPrism(options: PrismOptions): Promise<PrismServer> };

export interface MockServer {
  api: ApiName;
  url: string;
  close(): Promise<void>;
}

export interface HostOptions {
  /** Turn response and request violations into errors (tests: an invalid example fails). */
  errors: boolean;
  /** Serve another document than the bundled spec for some APIs (a spec under development). */
  documents?: Partial<Record<ApiName, string>> | undefined;
}

/**
 * Starts one mock on 127.0.0.1:`port` for `api`'s spec: Prism on a port of its own, behind the
 * front that plays scenarios and describes the API at its root URL.
 */
export async function startPrism(
  api: ApiName,
  port: number,
  options: HostOptions,
): Promise<MockServer> {
  const path = options.documents?.[api];
  const document = path
    ? (parse(readFileSync(path, 'utf8')) as OpenApiDocument)
    : loadDocument(api);
  const { server, prismPort } = await prismOnFreePort({
    document: path ?? specPath(api),
    host: '127.0.0.1',
    errors: options.errors,
    dynamic: false,
    cors: true,
    multiprocess: false,
    verboseLevel: 'warn',
    ignoreExamples: false,
    seed: undefined,
    jsonSchemaFakerFillProperties: false,
  });
  try {
    const front = await startFront(
      api,
      port,
      `http://127.0.0.1:${prismPort}`,
      document,
      operationsOf(document),
    );
    return {
      api,
      url: front.url,
      close: async () => {
        await front.close();
        await server.close();
      },
    };
  } catch (error) {
    await server.close();
    throw error;
  }
}

/**
 * Prism on a port that was free a moment ago. Prism cannot listen on port 0 and tell which port
 * it got, so another process may take the chosen one first: then Prism tries a new one.
 */
async function prismOnFreePort(
  options: Omit<PrismOptions, 'port'>,
): Promise<{ server: PrismServer; prismPort: number }> {
  for (let attempt = 1; ; attempt += 1) {
    const prismPort = await freePort();
    try {
      return { server: await createSingleProcessPrism({ ...options, port: prismPort }), prismPort };
    } catch (error) {
      // Prism rejects with the listen error's message, a string.
      if (attempt >= 5 || !String(error).includes('EADDRINUSE')) throw error;
    }
  }
}
