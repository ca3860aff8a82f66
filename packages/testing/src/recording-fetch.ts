/** A fetch that records every request it sends, to prove what did (or did not) go out. */
export function recordingFetch(inner: typeof fetch = globalThis.fetch) {
  const requests: { method: string; url: string; headers: Headers; body: string }[] = [];
  const fetcher = async (request: Request): Promise<Response> => {
    const body = await request.clone().text();
    requests.push({ method: request.method, url: request.url, headers: request.headers, body });
    return inner(request);
  };
  return { fetch: fetcher, requests };
}
