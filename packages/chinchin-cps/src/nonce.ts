/**
 * A nonce source that never repeats nor goes back: the current Unix time in milliseconds, or
 * one more than the last nonce when calls come within the same millisecond (or the clock steps
 * back). One per client, so its calls carry strictly increasing nonces.
 */
export function monotonicNonce(now: () => number = () => Date.now()): () => number {
  let last = 0;
  return () => {
    last = Math.max(now(), last + 1);
    return last;
  };
}
