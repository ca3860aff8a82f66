// Preloaded (`node --import`) by the documentation samples that consumer.test.ts runs: the
// samples call the mocks' standard URLs (`environment: 'mock'`), and this run's mocks listen on
// free ports, so each request to a standard URL goes to its mock's URL instead.
// TELCOPAY_SAMPLE_MOCKS maps each standard origin to the running mock's.
const moved = JSON.parse(process.env.TELCOPAY_SAMPLE_MOCKS ?? '{}');
const send = globalThis.fetch;

globalThis.fetch = (input, init) => {
  const request = new Request(input, init);
  const url = new URL(request.url);
  const target = moved[url.origin];
  if (!target) return send(request);
  return send(new Request(`${target}${url.pathname}${url.search}`, request));
};
