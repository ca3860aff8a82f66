// Where a client's extra CPU goes, measured in-process against a fetch that answers at once (no
// network, so little noise): bare openapi-fetch → the same call with a timeout signal (what the
// client's per-attempt timeout costs) → the client's method (the rest: input checks, ids, the
// body serialised once, credentials added before the timer, error typing, the result). `.raw`
// (openapi-fetch with the auth as a middleware, for callers) is shown too. Each part is shown
// against the CPU of one loopback request of bare openapi-fetch, the denominator of the target.
import { cpuPerCall } from './cpu.mjs';
import { routeMatcher } from './routes.mjs';
import { median } from './stats.mjs';
import { formatMicros } from './table.mjs';
import { CLIENT, CLIENT_RAW, createVariants, pick, REFERENCE, WITH_TIMEOUT } from './variants.mjs';

const SECTION = 'client overhead breakdown (in-process CPU/call)';
const BASE_URL = 'http://127.0.0.1:9';

/** A fetch that answers each of the routes without sending anything. */
export function answeringFetch(routes) {
  const match = routeMatcher(routes);
  const texts = new Map(routes.map((route) => [route, JSON.stringify(route.body)]));
  return async (input, init) => {
    // A new Request from the input and init, as fetch makes one (and follows its signal).
    const request = new Request(input, init);
    await request.arrayBuffer();
    const route = match(request.method, new URL(request.url).pathname);
    return new Response(route ? texts.get(route) : '{}', {
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
  const names = [REFERENCE, WITH_TIMEOUT, CLIENT_RAW, CLIENT];
  const samples = await cpuPerCall(pick(variants, names), iterations);
  const [bare, timed, raw, client] = names.map((name) => median(samples[name]));
  const versus = `${formatMicros(loopbackReference)} (openapi-fetch, loopback)`;
  const part = (name, micros, note) => ({
    section: SECTION,
    name: `${scenario.api}: ${name}`,
    value: formatMicros(micros),
    reference: versus,
    ratio: micros / loopbackReference,
    note,
  });
  const signing = scenario.createSigner ? '; signing included' : '';
  return [
    part(
      'timeout signal (openapi-fetch + signal − openapi-fetch)',
      timed - bare,
      `openapi-fetch alone: ${formatMicros(bare)}`,
    ),
    part(
      'the rest of the method (method − openapi-fetch + signal)',
      client - timed,
      `input checks, ids, serialising, credentials, error typing, result${signing}`,
    ),
    part(
      '.raw, auth as a middleware (.raw − openapi-fetch)',
      raw - bare,
      `for callers of .raw; the methods do not use it${signing}`,
    ),
  ];
}
