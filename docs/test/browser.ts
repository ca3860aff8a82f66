import type { BrowserContext, Page } from 'playwright-core';

/** Everything a page did that a reader would call a problem, recorded while it is open. */
export function watch(page: Page, siteUrl: string) {
  const problems: string[] = [];
  const requests: string[] = [];
  let inFlight = 0;
  const whenSettled: (() => void)[] = [];
  const finished = () => {
    inFlight -= 1;
    if (inFlight === 0) for (const resolve of whenSettled.splice(0)) resolve();
  };
  page.on('request', (request) => {
    const url = request.url();
    requests.push(url);
    inFlight += 1;
    if (!url.startsWith(`${siteUrl}/`) && !url.startsWith('blob:') && !url.startsWith('data:')) {
      problems.push(`request outside the site: ${url}`);
    }
  });
  page.on('requestfinished', finished);
  page.on('requestfailed', (request) => {
    problems.push(`failed request: ${request.url()}`);
    finished();
  });
  page.on('response', (response) => {
    if (response.status() >= 400) problems.push(`HTTP ${response.status()}: ${response.url()}`);
  });
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  /** Resolves once no request the page started is still under way (so each has an outcome). */
  const settled = () =>
    new Promise<void>((resolve) => {
      if (inFlight === 0) resolve();
      else whenSettled.push(resolve);
    });
  return { problems, requests, settled };
}

/**
 * Pages of one browser context, at most `size` open at once: a Redoc page keeps a core busy
 * while it hydrates, so more pages than cores would only slow each one down.
 */
export function pagePool(context: BrowserContext, size: number) {
  let open = 0;
  const waiting: (() => void)[] = [];
  /** Passes the slot straight to the next waiter, if any. */
  const handOn = () => {
    const next = waiting.shift();
    if (next) next();
    else open -= 1;
  };
  return {
    /** A new page; `release` (idempotent) closes it and frees its slot. */
    async acquire(): Promise<{ page: Page; release(): Promise<void> }> {
      if (open >= size) await new Promise<void>((resolve) => waiting.push(resolve));
      else open += 1;
      const page = await context.newPage().catch((error: unknown) => {
        handOn();
        throw error;
      });
      let released = false;
      return {
        page,
        async release() {
          if (released) return;
          released = true;
          await page.close().finally(handOn);
        },
      };
    },
  };
}
