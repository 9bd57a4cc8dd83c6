/**
 * The OpenAPI viewers of examples/rest-openapi in Debian's chromium (playwright-core): the
 * Swagger UI page lists every documented route, and no viewer loads anything from another origin.
 * The example imports 'pode-ts', which resolves to dist/, so run `npm run build` first.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { start } from '../../examples/rest-openapi/server.js';
import { startServer } from '../../src/index.js';
import { launchChromium } from './chromium.js';

let browser: Browser;
let server: Awaited<ReturnType<typeof start>>;

beforeAll(async () => {
  server = await start(0, '127.0.0.1', { logger: false, handleSignals: false });
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/**
 * The page's globals the checks read. The checks are functions, not strings: a string is
 * evaluated with eval, which the viewers' Content-Security-Policy refuses.
 */
interface PageGlobals {
  document: {
    body: { textContent: string | null };
    querySelector(selector: string): { shadowRoot: { textContent: string | null } | null } | null;
  };
}

/** Opens `url`, refusing (and recording) every request to another origin. */
async function open(url: string): Promise<{ page: Page; foreign: string[] }> {
  const page = await browser.newPage();
  const foreign: string[] = [];
  const origin = new URL(url).origin;
  await page.route('**/*', (route) => {
    const target = route.request().url();
    if (target.startsWith(origin) || target.startsWith('data:') || target.startsWith('blob:'))
      return route.continue();
    foreign.push(target);
    return route.abort();
  });
  await page.goto(url);
  return { page, foreign };
}

describe('OpenAPI viewers in headless chromium', () => {
  it('Swagger UI renders every documented route from the local bundle', async () => {
    const { page, foreign } = await open(`${server.url}/swagger`);
    try {
      const document = (await (await fetch(`${server.url}/openapi`)).json()) as {
        paths: Record<string, Record<string, unknown>>;
      };
      const expected = Object.entries(document.paths).flatMap(([path, methods]) =>
        Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`),
      );
      expect(expected.length).toBe(5);
      await page.waitForSelector('.opblock', { timeout: 30_000 });
      const shown = await page.$$eval('.opblock', (blocks) =>
        blocks.map(
          (block) =>
            `${block.querySelector('.opblock-summary-method')?.textContent?.trim()} ${block
              .querySelector('.opblock-summary-path')
              ?.getAttribute('data-path')}`,
        ),
      );
      expect(shown.sort()).toEqual(expected.sort());
      expect(await page.textContent('.title')).toContain('Pet store');
      expect(foreign).toEqual([]);
    } finally {
      await page.close();
    }
  }, 60_000);

  it('ReDoc and RapiDoc render the document from their local bundles', async () => {
    const viewers = await startServer(
      (s) => {
        s.addEndpoint({ address: '127.0.0.1', port: 0 });
        s.enableOpenApi({ title: 'Viewer check' });
        s.addRoute(
          { method: 'GET', path: '/things', openapi: { summary: 'List the things' } },
          (e) => e.writeJson([]),
        );
        s.enableOAViewer({ type: 'redoc' });
        s.enableOAViewer({ type: 'rapidoc', path: '/docs/rapi', darkMode: true });
      },
      { logger: false, handleSignals: false },
    );
    try {
      const redoc = await open(`${viewers.url}/redoc`);
      await redoc.page.waitForFunction(
        (text) =>
          (globalThis as unknown as PageGlobals).document.body.textContent?.includes(text) === true,
        'List the things',
        { timeout: 30_000 },
      );
      expect(redoc.foreign).toEqual([]);
      await redoc.page.close();
      const rapidoc = await open(`${viewers.url}/docs/rapi`);
      await rapidoc.page.waitForFunction(
        (text) =>
          (globalThis as unknown as PageGlobals).document
            .querySelector('rapi-doc')
            ?.shadowRoot?.textContent?.includes(text) === true,
        'List the things',
        { timeout: 30_000 },
      );
      expect(rapidoc.foreign).toEqual([]);
      await rapidoc.page.close();
    } finally {
      await viewers.stop();
    }
  }, 90_000);
});
