// Redocly decorator for the docs site: lists the local mock (`@telcopay/mocks`, the spec's
// `info.x-telcopay.mockPort`) among each reference's servers, after the provider's own.
export function mockServer() {
  return {
    Root: {
      leave(spec) {
        const port = spec.info?.['x-telcopay']?.mockPort;
        if (typeof port !== 'number') return;
        const url = `http://127.0.0.1:${port}`;
        const servers = spec.servers ?? [];
        if (servers.some((server) => server.url === url)) return;
        spec.servers = [
          ...servers,
          { url, description: 'Local mock: npx telcopay-mocks (package @telcopay/mocks)' },
        ];
      },
    },
  };
}
