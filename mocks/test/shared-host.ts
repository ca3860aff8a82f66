// The run's shared mock host (one process for every test file), as @telcopay/testing provides it.
import { inject } from 'vitest';

declare module 'vitest' {
  export interface ProvidedContext {
    telcopayMocks: Record<string, string>;
  }
}

export function sharedMocks(): Record<string, string> {
  const urls = inject('telcopayMocks');
  if (!urls) throw new Error('No shared mock host: the vitest config must start it.');
  return urls;
}

/** What a request got: a status and body, or the code of the network error. */
export async function outcome(url: string, init: RequestInit = {}) {
  try {
    const response = await fetch(url, {
      ...init,
      signal: init.signal ?? AbortSignal.timeout(30_000),
    });
    return { status: response.status, text: await response.text() };
  } catch (error) {
    const cause = (error as { cause?: { code?: string; name?: string } }).cause;
    return { error: cause?.code ?? cause?.name ?? String(error) };
  }
}

/**
 * Waits until the scenario `other` has queued a step on `operationId` of QvaTel's mock: how the
 * isolation pair knows both files hold their queues at the same time.
 */
export async function untilQueued(
  other: { pending(api: string): Promise<Record<string, number>> },
  operationId: string,
): Promise<void> {
  while (!((await other.pending('qvatel'))[operationId] ?? 0)) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
