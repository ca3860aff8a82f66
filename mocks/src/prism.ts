import { createRequire } from 'node:module';
import { type ApiName, specPath } from './apis.js';

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

/** Starts one Prism mock on 127.0.0.1:`port` for `api`'s spec. */
export async function startPrism(
  api: ApiName,
  port: number,
  options: HostOptions,
): Promise<MockServer> {
  const server = await createSingleProcessPrism({
    document: options.documents?.[api] ?? specPath(api),
    host: '127.0.0.1',
    port,
    errors: options.errors,
    dynamic: false,
    cors: true,
    multiprocess: false,
    verboseLevel: 'warn',
    ignoreExamples: false,
    seed: undefined,
    jsonSchemaFakerFillProperties: false,
  });
  return { api, url: `http://127.0.0.1:${port}`, close: () => server.close() };
}
