/**
 * A limit on how many of the tasks given to it run at once; the others wait their turn, each
 * starting as soon as one is done. A call under test then takes as long as its own work, not as
 * long as a burst of hundreds, and a limit on how long it may take stays meaningful.
 */
export function concurrencyLimit(limit: number) {
  let running = 0;
  const waiting: (() => void)[] = [];
  return async <T>(task: () => Promise<T>): Promise<T> => {
    if (running >= limit) await new Promise<void>((resolve) => waiting.push(resolve));
    running += 1;
    try {
      return await task();
    } finally {
      running -= 1;
      waiting.shift()?.();
    }
  };
}
