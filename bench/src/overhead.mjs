// Client overhead: CPU per request of each telcopay client, of a bare openapi-fetch client (with
// and without a timeout signal), of two peers (ky, a fetch client with timeouts and retries;
// @hey-api/client-fetch, a generated client's runtime) and of a raw fetch, all sending the same
// request to a keep-alive server on 127.0.0.1 that runs in its own process (its CPU is not
// counted). A figure is the
// median over rounds (a round with a major GC or a neighbour's burst does not move it); the note
// gives the spread of the per-round ratios. The breakdown follows each provider's rows.
import { fileURLToPath } from 'node:url';
import { DEFAULT_TIMEOUT_MS } from '@telcopay/core';
import { breakdownRows } from './breakdown.mjs';
import { cpuPerCall } from './cpu.mjs';
import { startProcess, stopProcess, waitForOutput } from './processes.mjs';
import { SCENARIOS } from './scenarios.mjs';
import { median } from './stats.mjs';
import { formatMicros } from './table.mjs';
import {
  CLIENT,
  checkSamePayload,
  createVariants,
  HEY_API,
  KY,
  pick,
  RAW_FETCH,
  REFERENCE,
  WITH_TIMEOUT,
} from './variants.mjs';

const SECTION = 'client overhead (CPU/request)';
/** Issue #11: every client ≤ 1.10× bare openapi-fetch, and below ky. */
const TARGET_RATIO = 1.1;
const SIGNING = 'signing';
const SERVER_ENTRY = fileURLToPath(new URL('./loopback-server.mjs', import.meta.url));

/**
 * Loopback: 30 rounds of 200 requests per variant after 2 000 warm-up requests; in-process
 * breakdown: 10 rounds of 1 000 calls after 2 000.
 */
export const OVERHEAD_ITERATIONS = {
  full: {
    loopback: { warmup: 2_000, rounds: 30, perRound: 200 },
    inProcess: { warmup: 2_000, rounds: 10, perRound: 1_000 },
  },
  short: {
    loopback: { warmup: 10, rounds: 2, perRound: 10 },
    inProcess: { warmup: 10, rounds: 2, perRound: 10 },
  },
};

export async function measureOverhead({ loopback, inProcess }) {
  const server = startProcess(process.execPath, [
    SERVER_ENTRY,
    JSON.stringify(SCENARIOS.flatMap((scenario) => scenario.routes)),
  ]);
  try {
    const [, port] = await waitForOutput(server, /PORT (\d+)\n/, 10_000);
    const baseUrl = `http://127.0.0.1:${port}`;
    const rows = [];
    for (const scenario of SCENARIOS) {
      await checkSamePayload(scenario, baseUrl);
      const variants = pick(createVariants(scenario, baseUrl, globalThis.fetch), [
        RAW_FETCH,
        REFERENCE,
        WITH_TIMEOUT,
        KY,
        HEY_API,
        CLIENT,
      ]);
      if (scenario.createSigner) variants[SIGNING] = await scenario.createSigner();
      const samples = await cpuPerCall(variants, loopback);
      rows.push(...overheadRows(scenario, samples));
      rows.push(...(await breakdownRows(scenario, median(samples[REFERENCE]), inProcess)));
    }
    return rows;
  } finally {
    await stopProcess(server);
  }
}

/** The interquartile range of the per-round ratios `values[round] / reference[round]`. */
export function ratioSpread(values, reference) {
  const ratios = values
    .map((value, round) => value / (reference[round] ?? 1))
    .sort((a, b) => a - b);
  const quartile = (q) => ratios[Math.round(q * (ratios.length - 1))] ?? Number.NaN;
  return `rounds: ${quartile(0.25).toFixed(2)}–${quartile(0.75).toFixed(2)}×`;
}

function overheadRows(scenario, samples) {
  const row = (name, values, reference, referenceName, { target, note } = {}) => {
    const ratio = median(values) / median(reference);
    const spread = ratioSpread(values, reference);
    return {
      section: SECTION,
      name: `${scenario.api}: ${name}`,
      value: formatMicros(median(values)),
      reference: `${formatMicros(median(reference))} (${referenceName})`,
      ratio,
      ...(target ? { target: target.label, met: ratio <= target.ratio } : {}),
      note: note ? `${note}; ${spread}` : spread,
    };
  };
  const versusBare = (name, values, options) =>
    row(name, values, samples[REFERENCE], REFERENCE, options);
  // The client's own figure is judged twice: against bare openapi-fetch and against ky.
  const judged = (name, values, note) => [
    versusBare(name, values, {
      target: { label: `≤ ${TARGET_RATIO}×`, ratio: TARGET_RATIO },
      note,
    }),
    row(`${name} against ky`, values, samples[KY], KY, {
      target: { label: '< 1× (below ky)', ratio: 1 - Number.EPSILON },
    }),
  ];
  const rows = [
    versusBare(RAW_FETCH, samples[RAW_FETCH]),
    versusBare(
      `openapi-fetch with a ${DEFAULT_TIMEOUT_MS / 1000} s timeout signal`,
      samples[WITH_TIMEOUT],
      { note: "what the client's per-attempt timeout costs" },
    ),
    versusBare(KY, samples[KY], { note: 'same timeout and retry limit as the client' }),
    versusBare(HEY_API, samples[HEY_API], { note: 'the call its codegen emits; no timeout' }),
  ];
  if (!samples[SIGNING])
    return [...rows, ...judged(`${scenario.operation} (client)`, samples[CLIENT])];
  // The client signs every request; the references send a fixed signature.
  const signing = samples[SIGNING];
  const unsigned = samples[CLIENT].map((value, round) => value - (signing[round] ?? 0));
  return [
    ...rows,
    versusBare(`${scenario.operation} (client, signing included)`, samples[CLIENT], {
      note: 'the references do not sign',
    }),
    versusBare('HMAC-SHA384 signing alone', signing, { note: 'its share of a request' }),
    ...judged(`${scenario.operation} (client) less signing`, unsigned),
  ];
}
