import { mkdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { serveSite } from '../scripts/site-server.mjs';
import { launchChromium, watch } from './browser.js';

const root = new URL('../../', import.meta.url);
const artifacts = fileURLToPath(new URL('../artifacts/', import.meta.url));
const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'];

interface Operation {
  operationId: string;
  summary: string;
  tag: string | undefined;
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
      const { operationId, summary, tags } = operation as {
        operationId: string;
        summary: string;
        tags?: string[];
      };
      return { operationId, summary, tag: tags?.[0] };
    });
  return { name, title: spec.info.title as string, operations };
});
const guides = [
  'getting-started',
  'authentication',
  'testing-with-mocks',
  'errors-and-retries',
  'inferred',
];

let browser: Browser;
let site: { url: string; close(): Promise<void> };

beforeAll(async () => {
  mkdirSync(artifacts, { recursive: true });
  site = await serveSite({ port: 0 });
  browser = await launchChromium();
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await site?.close();
});

/** Opens a page, waits until it is quiet, and returns it with what went wrong on it. */
async function open(path: string) {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  const watched = watch(page, site.url);
  await page.goto(`${site.url}${path}`, { waitUntil: 'networkidle' });
  return { page, ...watched };
}

/** Waits until React has hydrated Redoc's prerendered menu (its links then carry a fiber). */
async function waitForRedoc(page: Page) {
  await page.waitForFunction(
    () => {
      const link = document.querySelector('.menu-content a');
      return link !== null && Object.keys(link).some((key) => key.startsWith('__reactFiber'));
    },
    undefined,
    { timeout: 15_000 },
  );
}

/**
 * Opens the menu group of a tag (one group is open at a time, and the first may start open), so
 * that `summary` shows, and returns the menu.
 */
async function openGroup(page: Page, tag: string | undefined, summary: string) {
  const menu = page.locator('.menu-content');
  const item = menu.getByText(summary, { exact: true }).first();
  if (tag && !(await item.isVisible())) await menu.getByText(tag, { exact: true }).first().click();
  await item.waitFor({ state: 'visible', timeout: 5_000 });
  return menu;
}

describe('the docs site', () => {
  it('serves an index listing every API with its facts and a link to its reference', async () => {
    const { page, problems } = await open('/index.html');
    await page.screenshot({ path: `${artifacts}index.png`, fullPage: true });
    for (const api of apis) {
      const row = page.locator(`tr[data-api="${api.name}"]`);
      await expect(row.locator('a').textContent()).resolves.toBe(api.title);
      const cells = await row.locator('td').allTextContents();
      expect(cells[5]).toBe(String(api.operations.length));
      expect(cells[7]).toBe(`@telcopay/${api.name}`);
      expect(cells[6]).toMatch(/^http:\/\/127\.0\.0\.1:40\d\d$/);
    }
    await page.close();
    expect(problems).toEqual([]);
  });

  it.each(guides)('renders the guide %s', async (guide) => {
    const { page, problems } = await open(`/guides/${guide}.html`);
    await expect(page.locator('main h1').count()).resolves.toBe(1);
    await page.close();
    expect(problems).toEqual([]);
  });

  describe.each(apis)('the $name reference', (api) => {
    it("shows every operation's summary from the spec, with nothing loaded from outside", async () => {
      const { page, problems, requests } = await open(`/${api.name}/index.html`);
      await waitForRedoc(page);
      for (const tag of new Set(api.operations.map((operation) => operation.tag))) {
        const inGroup = api.operations.filter((candidate) => candidate.tag === tag);
        const menu = await openGroup(page, tag, inGroup[0]?.summary ?? '');
        for (const operation of inGroup) {
          await expect(
            menu.getByText(operation.summary, { exact: true }).first().isVisible(),
            `${operation.operationId}: "${operation.summary}"`,
          ).resolves.toBe(true);
        }
      }
      await page.screenshot({ path: `${artifacts}${api.name}.png` });
      expect(requests.some((url) => url.endsWith('/redoc.standalone.js'))).toBe(true);
      await page.close();
      expect(problems).toEqual([]);
    });

    it('is reached from the index, and leads to an operation', async () => {
      const { page, problems } = await open('/index.html');
      await page.locator(`tr[data-api="${api.name}"] a`).click();
      await page.waitForURL(`${site.url}/${api.name}/index.html`);
      await waitForRedoc(page);
      const [operation] = api.operations;
      if (!operation) throw new Error(`${api.name} has no operation`);
      const menu = await openGroup(page, operation.tag, operation.summary);
      await menu.getByText(operation.summary, { exact: true }).first().click();
      await page.waitForURL((url) => url.hash.endsWith(`/${operation.operationId.toLowerCase()}`));
      // Redoc renders the operation after the route changes: wait for its heading to show.
      await page
        .locator('#api-content')
        .getByRole('heading', { name: operation.summary })
        .first()
        .waitFor({ state: 'visible', timeout: 10_000 });
      await page.close();
      expect(problems).toEqual([]);
    });
  });
});
