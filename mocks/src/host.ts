import { type ApiName, MOCK_PORTS } from './apis.js';
import { type HostOptions, type MockServer, startPrism } from './prism.js';

/** A port per API; 0 (or `'free'` for all) lets the OS choose a free one. */
export type PortChoice = Partial<Record<ApiName, number>> | 'free';

/** Starts one mock per API in this process; on any failure, the ones started are closed. */
export async function hostMocks(
  apis: readonly ApiName[],
  ports: PortChoice | undefined,
  options: HostOptions,
): Promise<MockServer[]> {
  const servers: MockServer[] = [];
  try {
    for (const api of apis) {
      const chosen = ports === 'free' ? 0 : (ports?.[api] ?? MOCK_PORTS[api]);
      // Port 0: the front listens where the OS puts it (no race for a port chosen earlier).
      servers.push(await startPrism(api, chosen, options));
    }
  } catch (error) {
    await Promise.allSettled(servers.map((server) => server.close()));
    throw error;
  }
  return servers;
}
