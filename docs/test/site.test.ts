import { mkdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { launchChromium } from '@telcopay/testing';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, it, type TestContext } from 'vitest';
import { parse } from 'yaml';
import { safetyMarkdown } from '../redocly/safety.js';
import { serveSite } from '../scripts/site-server.mjs';
import { pagePool, watch } from './browser.js';

const root = new URL('../../', import.meta.url);
const artifacts = fileURLToPath(new URL('../artifacts/', import.meta.url));
const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'];

/** How telcopay runs an operation (scripts/x-telcopay.js). */
interface Behaviour {
  method: string;
  safety: 'read' | 'keyed' | 'unkeyed-money';
  key?: { in: string; name: string };
  correlation?: { in: string; name: string };
  reconcile?: { operation?: string; advice: string };
}

interface Operation {
  operationId: string;
  summary: string;
  tag: string | undefined;
  behaviour: Behaviour;
}

const apis = Object.entries(
  parse(readFileSync(new URL('redocly.yaml', root), 'utf8')).apis as Record<
    string,
    { root: string }
  >,
).map(([name, api]) => {
  const spec = parse(readFileSync(new URL(api.root, root), 'utf8'));
  const operations: Operation[] = Object.values(
    spec.paths as Record<string, Record<string, unknown>>,
  )
    .flatMap((item) => METHODS.map((method) => item[method]).filter(Boolean))
    .map((operation) => {
      const {
        operationId,
        summary,
        tags,
        'x-telcopay': behaviour,
      } = operation as {
        operationId: string;
        summary: string;
        tags?: string[];
        'x-telcopay': Behaviour;
      };
      return { operationId, summary, tag: tags?.[0], behaviour };
    });
  return { name, title: spec.info.title as string, operations };
});
const guides = [
  'getting-started',
  'authentication',
  'testing-with-mocks',
  'errors-and-retries',
  'inferred',
  'confirming-inferences',
  'observability',
];

/** Pages open at once: one per core of the 2-core machines this runs on. */
const PARALLEL_PAGES = 2;
/** A test may first wait for a free page while others run, on a machine busy with other work. */
const TEST_TIMEOUT = 180_000;

let browser: Browser;
let context: BrowserContext;
let pages: ReturnType<typeof pagePool>;
let site: { url: string; close(): Promise<void> };

beforeAll(async () => {
  mkdirSync(artifacts, { recursive: true });
  [site, browser] = await Promise.all([serveSite({ port: 0 }), launchChromium()]);
  // One context for every page: the site keeps no state, so its pages need no isolation.
  context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  pages = pagePool(context, PARALLEL_PAGES);
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await site?.close();
});

/**
 * Runs `action`, which loads a page of the site, and waits until that page is done loading:
 * after its `load` event Chromium asks for the page's icon, and every request then ends (so a
 * next navigation aborts none of them).
 */
async function loading(page: Page, settled: () => Promise<void>, action: () => Promise<unknown>) {
  await Promise.all([page.waitForRequest(`${site.url}/favicon.svg`), action()]);
  await settled();
}

/**
 * Opens `path` in a new page once it is done loading, with what goes wrong on it. `close` waits
 * until every request the page started has an outcome, so that `problems` is complete; a test
 * that fails first still has its page closed.
 */
async function open(path: string, test: TestContext) {
  const { page, release } = await pages.acquire();
  test.onTestFinished(release);
  const watched = watch(page, site.url);
  await loading(page, watched.settled, () =>
    page.goto(`${site.url}${path}`, { waitUntil: 'load' }),
  );
  const close = async () => {
    await watched.settled();
    await release();
  };
  return { page, ...watched, close };
}

/** Waits until React has hydrated Redoc's prerendered menu (its links then carry a fiber). */
async function waitForRedoc(page: Page) {
  await page.waitForFunction(
    () => {
      const link = document.querySelector('.menu-content a');
      return link !== null && Object.keys(link).some((key) => key.startsWith('__reactFiber'));
    },
    undefined,
    { timeout: 30_000 },
  );
}

/**
 * Opens the menu group of a tag (one group is open at a time, and the first may start open), so
 * that `summary` shows, and returns the menu.
 */
async function openGroup(page: Page, tag: string | undefined, summary: string) {
  const menu = page.locator('.menu-content');
  const item = menu.getByText(summary, { exact: true }).first();
  for (let clicks = 0; ; clicks++) {
    if (tag && !(await item.isVisible()))
      await menu.getByText(tag, { exact: true }).first().click();
    try {
      await item.waitFor({ state: 'visible', timeout: 15_000 });
      return menu;
    } catch (error) {
      // A click toggles the group: one that was still opening by itself when the item was looked
      // at (the first group opens on load, later on a busy machine) was closed by it. Once more.
      if (!tag || clicks === 1) throw error;
    }
  }
}

// Concurrent: each test has its own page; the pool bounds how many are open at once.
describe.concurrent('the docs site', () => {
  it('serves an index listing every API with its facts and a link to its reference', {
    timeout: TEST_TIMEOUT,
  }, async (test) => {
    const { expect } = test;
    const { page, problems, close } = await open('/index.html', test);
    await page.screenshot({
      path: `${artifacts}index.png`,
      fullPage: true,
      animations: 'disabled',
    });
    for (const api of apis) {
      const row = page.locator(`tr[data-api="${api.name}"]`);
      await expect(row.locator('a').textContent()).resolves.toBe(api.title);
      const cells = await row.locator('td').allTextContents();
      expect(cells[5]).toBe(String(api.operations.length));
      expect(cells[7]).toBe(`@telcopay/${api.name}`);
      expect(cells[6]).toMatch(/^http:\/\/127\.0\.0\.1:40\d\d$/);
    }
    await close();
    expect(problems).toEqual([]);
  });

  it('finds text in a reference with the words around its inline code kept apart', {
    timeout: TEST_TIMEOUT,
  }, async (test) => {
    const { expect } = test;
    const { page, problems, close } = await open('/qvatel/index.html', test);
    await waitForRedoc(page);
    await page.keyboard.press('Control+k');
    const search = page.getByPlaceholder('Search docs...');
    await search.fill('api_token');
    // The excerpt of sendRecharge's description, whose source wraps lines around code spans.
    const excerpt = page.getByText(/moves: the answer/).first();
    await excerpt.waitFor({ state: 'visible', timeout: 30_000 });
    const text = (await excerpt.textContent()) ?? '';
    expect(text).toContain("the answer's id_recarga is what");
    expect(text).not.toContain('listsno');
    await close();
    expect(problems).toEqual([]);
  });

  it.for(guides)('renders the guide %s', { timeout: TEST_TIMEOUT }, async (guide, test) => {
    const { expect } = test;
    const { page, problems, close } = await open(`/guides/${guide}.html`, test);
    await expect(page.locator('main h1').count()).resolves.toBe(1);
    await close();
    expect(problems).toEqual([]);
  });

  // Each reference's tests share one journey through it, so that each Redoc page (the
  // costly part) loads once; each test asserts its own part of what the journey saw.
  describe.each(apis)('the $name reference', (api) => {
    it("shows every operation's summary from the spec, with nothing loaded from outside", {
      timeout: TEST_TIMEOUT,
    }, async ({ expect }) => {
      const seen = await journey(api);
      expect(seen.summaries).toEqual(
        Object.fromEntries(api.operations.map((operation) => [operation.summary, true])),
      );
      expect(seen.requests.some((url) => url.endsWith('/redoc.standalone.js'))).toBe(true);
      expect(seen.problems).toEqual([]);
    });

    it('is reached from the index, and leads to an operation', {
      timeout: TEST_TIMEOUT,
    }, async ({ expect }) => {
      const seen = await journey(api);
      const [first] = api.operations;
      expect(seen.referenceUrl).toBe(`${site.url}/${api.name}/index.html`);
      expect(seen.operationHash?.endsWith(`/${first?.operationId.toLowerCase()}`)).toBe(true);
      expect(seen.operationHeading).toContain(first?.summary);
    });

    it('links each menu group and operation to a URL that opens it in a new tab', {
      timeout: TEST_TIMEOUT,
    }, async ({ expect }) => {
      const seen = await journey(api);
      const groups = new Set(api.operations.map((operation) => operation.tag));
      expect(seen.menuLinks.length).toBeGreaterThan(groups.size);
      // A route of the page itself: the same reference page loads, then shows the route.
      for (const href of seen.menuLinks) expect(href).toMatch(/^#\//);
      const targets = new Set(seen.menuLinks.map((href) => new URL(href, seen.referenceUrl).href));
      for (const target of targets) {
        expect(target.startsWith(`${seen.referenceUrl}#/`), target).toBe(true);
        expect((await fetch(target)).status, target).toBe(200);
      }
    });

    it('shows how telcopay runs the first operation: its safety and a TypeScript call, from its x-telcopay', {
      timeout: TEST_TIMEOUT,
    }, async ({ expect }) => {
      const seen = await journey(api);
      const [first] = api.operations;
      if (!first) throw new Error(`${api.name} has no operation`);
      const { behaviour } = first;
      // The Markdown paragraph as rendered: its bold lead and code spans become plain text.
      expect(seen.safety).toBe(safetyMarkdown(behaviour).replace(/\*\*|`/g, ''));
      if (behaviour.reconcile) expect(seen.safety).toContain(behaviour.reconcile.advice.trim());
      if (behaviour.key) expect(seen.safety).toContain(behaviour.key.name);
      expect(seen.codeSample).toMatch(
        new RegExp(`^import \\{ create\\w+Client \\} from '@telcopay/${api.name}';`),
      );
      expect(seen.codeSample).toContain("environment: 'mock'");
      expect(seen.codeSample).toContain(`.${behaviour.method}(`);
    });
  });
});

interface Journey {
  /** The URL the index's link led to. */
  referenceUrl: string;
  /** The route after clicking the first operation in the menu, and the heading it showed. */
  operationHash: string | undefined;
  operationHeading: string | undefined;
  /** The first operation's safety paragraph and its telcopay code sample, as shown. */
  safety: string | undefined;
  codeSample: string | undefined;
  /** Whether the menu showed each operation's summary. */
  summaries: Record<string, boolean>;
  /** The menu's links within the site (groups and operations, every group opened once). */
  menuLinks: string[];
  requests: string[];
  problems: string[];
}

const journeys = new Map<string, Promise<Journey>>();

/** Index → reference → first operation → every summary, once per API (memoised). */
function journey(api: (typeof apis)[number]): Promise<Journey> {
  let seen = journeys.get(api.name);
  if (!seen) {
    seen = walk(api);
    journeys.set(api.name, seen);
  }
  return seen;
}

async function walk(api: (typeof apis)[number]): Promise<Journey> {
  const { page, release } = await pages.acquire();
  try {
    const watched = watch(page, site.url);
    await loading(page, watched.settled, () =>
      page.goto(`${site.url}/index.html`, { waitUntil: 'load' }),
    );
    await loading(page, watched.settled, async () => {
      await page.locator(`tr[data-api="${api.name}"] a`).click();
      await page.waitForURL(`${site.url}/${api.name}/index.html`);
    });
    const referenceUrl = page.url();
    await waitForRedoc(page);
    // The first operation, from the menu: the route changes, then Redoc renders it.
    const [first] = api.operations;
    if (!first) throw new Error(`${api.name} has no operation`);
    const firstMenu = await openGroup(page, first.tag, first.summary);
    await firstMenu.getByText(first.summary, { exact: true }).first().click();
    await page.waitForURL((url) => url.hash.endsWith(`/${first.operationId.toLowerCase()}`));
    const operationHash = new URL(page.url()).hash;
    const heading = page
      .locator('#api-content')
      .getByRole('heading', { name: first.summary })
      .first();
    await heading.waitFor({ state: 'visible', timeout: 15_000 });
    const operationHeading = (await heading.textContent())?.trim();
    const { safety, codeSample } = await behaviourShown(heading);
    // Every operation's summary, group by group.
    const summaries: Record<string, boolean> = {};
    for (const tag of new Set(api.operations.map((operation) => operation.tag))) {
      const inGroup = api.operations.filter((operation) => operation.tag === tag);
      const menu = await openGroup(page, tag, inGroup[0]?.summary ?? '');
      for (const operation of inGroup) {
        summaries[operation.summary] = await menu
          .getByText(operation.summary, { exact: true })
          .first()
          .isVisible();
      }
    }
    const menuLinks = await page
      .locator('.menu-content a[href]')
      .evaluateAll((links) => links.map((link) => link.getAttribute('href') ?? ''));
    await page.screenshot({ path: `${artifacts}${api.name}.png`, animations: 'disabled' });
    await watched.settled();
    return {
      referenceUrl,
      operationHash,
      operationHeading,
      safety,
      codeSample,
      summaries,
      menuLinks: menuLinks.filter((href) => !/^https?:/.test(href)),
      requests: watched.requests,
      problems: watched.problems,
    };
  } finally {
    await release();
  }
}

/**
 * What the operation whose heading this is shows about how telcopay runs it: the safety paragraph
 * of its description, and its first request sample, which must be the `telcopay` one.
 */
async function behaviourShown(heading: Locator) {
  const operation = heading.locator('xpath=ancestor::div[@data-section-id][1]');
  const paragraph = operation
    .locator('p')
    .filter({ hasText: /^telcopay:/ })
    .first();
  await paragraph.waitFor({ state: 'visible', timeout: 15_000 });
  // The request samples come first in the right panels (before the response samples); with one
  // sample, its label is plain text, with more, the dropdown that picks one.
  const samples = operation.locator('[data-testid="right-panel"]');
  const label = samples.getByText('telcopay', { exact: true }).first();
  await label.waitFor({ state: 'visible', timeout: 15_000 });
  const code = samples.locator('pre[data-testid="source-code"]').first();
  await code.waitFor({ state: 'visible', timeout: 15_000 });
  return {
    safety: (await paragraph.textContent())?.trim(),
    codeSample: (await code.textContent()) ?? undefined,
  };
}
