// Where a client's extra CPU goes, measured in-process against a fetch that answers at once (no
// network, so little noise): openapi-fetch → the client's `.raw` (its auth and logging
// middlewares) → the client's method (the runner: timeout signal, error typing, retry
// bookkeeping, and the method's input checks). Each part is shown against the CPU of one
// loopback request of bare openapi-fetch, the denominator of the overhead target.
import { cpuPerCall } from './cpu.mjs';
import { median } from './stats.mjs';
import { formatMicros } from './table.mjs';
import { CLIENT, CLIENT_RAW, createVariants, pick, REFERENCE } from './variants.mjs';

const SECTION = 'client overhead breakdown (in-process CPU/call)';
const BASE_URL = 'http://127.0.0.1:9';

/** A fetch that answers each of the routes without sending anything. */
function answeringFetch(routes) {
  const answers = new Map(
    routes.map((route) => [
      `${route.method} ${route.path}`,
      { ...route, text: JSON.stringify(route.body) },
    ]),
  );
  return async (input, init) => {
    const request =
      input instanceof Request && init === undefined ? input : new Request(input, init);
    await request.arrayBuffer();
    const route = answers.get(`${request.method} ${new URL(request.url).pathname}`);
    return new Response(route?.text ?? '{}', {
      status: route ? (route.status ?? 200) : 404,
      headers: { 'Content-Type': 'application/json' },
    });
  };
}

/**
 * The breakdown rows of one scenario; `loopbackReference` is the CPU (µs) of one loopback request
 * of bare openapi-fetch.
 */
export async function breakdownRows(scenario, loopbackReference, iterations) {
  const variants = createVariants(scenario, BASE_URL, answeringFetch(scenario.routes));
  const samples = await cpuPerCall(pick(variants, [REFERENCE, CLIENT_RAW, CLIENT]), iterations);
  const [bare, raw, client] = [REFERENCE, CLIENT_RAW, CLIENT].map((name) => median(samples[name]));
  const versus = `${formatMicros(loopbackReference)} (openapi-fetch, loopback)`;
  const part = (name, micros, note) => ({
    section: SECTION,
    name: `${scenario.api}: ${name}`,
    value: formatMicros(micros),
    reference: versus,
    ratio: micros / loopbackReference,
    note,
  });
  return [
    part(
      'auth + logging middlewares (.raw − openapi-fetch)',
      raw - bare,
      `openapi-fetch alone: ${formatMicros(bare)}${scenario.createSigner ? '; signing included' : ''}`,
    ),
    part('runner + input checks (method − .raw)', client - raw),
  ];
}
