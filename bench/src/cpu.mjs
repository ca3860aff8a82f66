// CPU per call: process.cpuUsage() (user + system, every thread of this process) over a round of
// calls, divided by their number. The variants alternate in rounds, a different one first each
// round, so that drift of the machine hits them alike.

/** Per variant, the CPU microseconds per call of each round, after `warmup` calls of each. */
export async function cpuPerCall(variants, { warmup, rounds, perRound }) {
  const names = Object.keys(variants);
  for (const name of names) {
    for (let index = 0; index < warmup; index++) await variants[name]();
  }
  const samples = Object.fromEntries(names.map((name) => [name, []]));
  for (let round = 0; round < rounds; round++) {
    for (let offset = 0; offset < names.length; offset++) {
      const name = names[(round + offset) % names.length];
      const send = variants[name];
      const start = process.cpuUsage();
      for (let index = 0; index < perRound; index++) await send();
      const used = process.cpuUsage(start);
      samples[name].push((used.user + used.system) / perRound);
    }
  }
  return samples;
}
