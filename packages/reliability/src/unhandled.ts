/**
 * Counts unhandled promise rejections from `start()` until `stop()`: a fault must never leave
 * one behind (a rejected promise nobody awaits, a timer that fires after the call).
 */
export function unhandledRejections() {
  const reasons: unknown[] = [];
  const record = (reason: unknown) => reasons.push(reason);
  return {
    start: () => process.on('unhandledRejection', record),
    stop: () => process.off('unhandledRejection', record),
    reasons,
  };
}
