import { afterEach, describe, expect, it, vi } from 'vitest';
import { startDeadline } from '../src/deadline.js';

const pending = () => new Promise<never>(() => {});
const settled = <T>(promise: Promise<T>) =>
  promise.then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe("an attempt's deadline", () => {
  it('ends unsettled work with a TimeoutError when its time is up, and not before', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const deadline = startDeadline(1_000, undefined);
    const outcome = settled(deadline.race(pending()));
    vi.advanceTimersByTime(999);
    expect(deadline.signal.aborted).toBe(false);
    vi.advanceTimersByTime(1);
    const { error } = (await outcome) as { error: DOMException };
    expect(error.name).toBe('TimeoutError');
    expect(deadline.signal.reason).toBe(error);
    expect(deadline.timedOut()).toBe(true);
  });

  it('drops its timer as soon as the work settles, not when the time would be up', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const deadline = startDeadline(30_000, undefined);
    expect(vi.getTimerCount()).toBe(1);
    await expect(deadline.race(Promise.resolve('answer'))).resolves.toBe('answer');
    expect(vi.getTimerCount()).toBe(0);

    const failing = startDeadline(30_000, undefined);
    await expect(failing.race(Promise.reject(new Error('refused')))).rejects.toThrow('refused');
    expect(vi.getTimerCount()).toBe(0);
    expect(failing.timedOut()).toBe(false);
  });

  it("follows the caller's signal, with the caller's reason, and then lets go of it", async () => {
    const caller = new AbortController();
    const removed = vi.spyOn(caller.signal, 'removeEventListener');
    const deadline = startDeadline(30_000, caller.signal);
    const outcome = settled(deadline.race(pending()));
    const reason = new Error('the user left');
    caller.abort(reason);
    expect(await outcome).toEqual({ error: reason });
    expect(deadline.signal.reason).toBe(reason);
    expect(deadline.timedOut()).toBe(false);
    expect(removed).toHaveBeenCalledWith('abort', expect.any(Function));
  });

  it('is aborted from the start when the caller already was', async () => {
    const reason = new Error('aborted before');
    const deadline = startDeadline(30_000, AbortSignal.abort(reason));
    expect(deadline.signal.aborted).toBe(true);
    expect(await settled(deadline.race(pending()))).toEqual({ error: reason });
  });

  it('keeps the deadline of an AbortSignal.timeout replaced by a test clock', async () => {
    const clock = new AbortController();
    const asked: number[] = [];
    vi.spyOn(AbortSignal, 'timeout').mockImplementation((ms) => {
      asked.push(ms);
      return clock.signal;
    });
    const deadline = startDeadline(30_000, undefined);
    const outcome = settled(deadline.race(pending()));
    expect(asked).toEqual([30_000]);
    clock.abort(new DOMException('virtual time is up', 'TimeoutError'));
    const { error } = (await outcome) as { error: DOMException };
    expect(error.name).toBe('TimeoutError');
    expect(deadline.timedOut()).toBe(true);
  });
});
