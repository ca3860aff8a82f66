// CPU per call: process.cpuUsage() (user + system, every thread of this process) over a round of
// calls, divided by their number. The variants alternate in rounds whose orders form a balanced
// Latin square (a Williams design): each variant runs first, and right after each other variant,
// equally often. A variant's round pays for part of the garbage the one before it left; with a
// fixed neighbour (a plain rotation) that share would bias one variant against another.

/**
 * The round orders of a Williams design for `count` variants: `count` orders (twice as many for
 * an odd count), in which every variant follows every other one equally often.
 */
export function balancedOrders(count) {
  const first = [];
  for (let step = 0; first.length < count; step++) {
    first.push(step % 2 === 0 ? step / 2 : count - (step + 1) / 2);
  }
  const orders = Array.from({ length: count }, (_, shift) =>
    first.map((index) => (index + shift) % count),
  );
  return count % 2 === 0 ? orders : [...orders, ...orders.map((order) => [...order].reverse())];
}

/**
 * Per variant, the CPU microseconds per call of each round, after `warmup` calls of each. The
 * rounds are at least `rounds`, rounded up to whole designs so that the orders stay balanced.
 */
export async function cpuPerCall(variants, { warmup, rounds, perRound }) {
  const names = Object.keys(variants);
  for (const name of names) {
    for (let index = 0; index < warmup; index++) await variants[name]();
  }
  const samples = Object.fromEntries(names.map((name) => [name, []]));
  const design = balancedOrders(names.length);
  const total = Math.ceil(rounds / design.length) * design.length;
  for (let round = 0; round < total; round++) {
    for (const index of design[round % design.length]) {
      const name = names[index];
      const send = variants[name];
      const start = process.cpuUsage();
      for (let call = 0; call < perRound; call++) await send();
      const used = process.cpuUsage(start);
      samples[name].push((used.user + used.system) / perRound);
    }
  }
  return samples;
}
