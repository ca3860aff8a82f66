import { existsSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { launchChromium, localServer } from '@telcopay/testing';
import type { AppConfig, Report } from '../flows/contract.js';
import { FLOW_TIMEOUT_MS, openApps, type Runtime, START_TIMEOUT_MS } from './runtime.js';

/**
 * The app's page on 127.0.0.1 (a secure context: Web Crypto and randomUUID are there) and the
 * bundles of `workDir`; the providers' fronts are other origins, so their calls are CORS.
 */
function servePages(workDir: string) {
  return localServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
    if (path === '/') {
      response.writeHead(200, { 'content-type': 'text/html' });
      response.end('<!doctype html><title>telcopay runtime matrix</title>');
      return;
    }
    const file = join(workDir, basename(path));
    if (!path.endsWith('.js') || !existsSync(file)) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'content-type': 'text/javascript' });
    response.end(readFileSync(file));
  });
}

/** Chromium: each app is a module script in a fresh browser context, called by Playwright. */
export const chromium: Runtime = {
  name: 'chromium',
  bundling: { platform: 'browser', conditions: [] },
  async start(workDir) {
    const pages = await servePages(workDir);
    const browser = await launchChromium(START_TIMEOUT_MS).catch(async (error: unknown) => {
      await pages.close();
      throw error;
    });
    const apps = openApps();
    return {
      version: browser.version(),
      async open(bundle) {
        const context = await browser.newContext();
        const problems: string[] = [];
        const page = await context.newPage();
        page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
        page.on('console', (message) => {
          if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
        });
        page.setDefaultTimeout(START_TIMEOUT_MS);
        try {
          await page.goto(`${pages.url}/`);
          await page.addScriptTag({ url: `/${basename(bundle)}`, type: 'module' });
        } catch (error) {
          await context.close();
          throw new Error(`${String(error)}\n${problems.join('\n')}`);
        }
        return apps.add({
          run: (config: AppConfig) =>
            withDeadline(
              page.evaluate((appConfig) => {
                if (!globalThis.runTelcopayApp) throw new Error('the app module did not load');
                return globalThis.runTelcopayApp(appConfig);
              }, config),
              FLOW_TIMEOUT_MS,
            ),
          output: () => problems.join('\n'),
          close: () => context.close(),
        });
      },
      async close() {
        await apps.closeAll();
        await browser.close();
        await pages.close();
      },
    };
  },
};

function withDeadline(report: Promise<Report>, ms: number): Promise<Report> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`the app did not finish within ${ms} ms`)), ms);
  });
  return Promise.race([report, deadline]).finally(() => clearTimeout(timer));
}
