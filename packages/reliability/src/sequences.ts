import type { Fault } from './faults.js';
import { MAX_RETRIES } from './matrix.js';

/** mulberry32: a small, fast, seeded generator of floats in [0, 1). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A seed per operation, derived from the run's seed, so each operation's sequences differ. */
export function seedFor(runSeed: number, name: string): number {
  let hash = runSeed >>> 0;
  for (const char of name) hash = Math.imul(hash ^ char.charCodeAt(0), 0x01000193) >>> 0;
  return hash;
}

/**
 * `count` fault sequences drawn from `faults`: each one to three faults long (one per attempt
 * the client may make), the attempts after them answered normally.
 */
export function faultSequences(
  random: () => number,
  faults: readonly Fault[],
  count: number,
): Fault[][] {
  const pick = () => faults[Math.floor(random() * faults.length)] ?? 'none';
  return Array.from({ length: count }, () =>
    Array.from({ length: 1 + Math.floor(random() * (MAX_RETRIES + 1)) }, pick),
  );
}
