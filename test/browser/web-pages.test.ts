/**
 * examples/web-pages in a real headless browser (Debian's chromium driven by playwright-core):
 * what the page shows (the layout and both partials, the stylesheet applied, the image loaded,
 * the script run), the download's file name and bytes, and the flash message after a form post,
 * gone after a reload. A screenshot is written to test/browser/screenshots/web-pages.png.
 * The site is imported from its TypeScript source; it imports 'pode-ts' (dist/): build first.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SITE_ROOT, start } from '../../examples/web-pages/server.js';
import { launchChromium } from './chromium.js';

const SCREENSHOTS = fileURLToPath(new URL('./screenshots/', import.meta.url));

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

describe('examples/web-pages in headless chromium', () => {
  it('shows the page with its partials, stylesheet, image and script; downloads; flashes once after a post', async () => {
    const context = await browser.newContext({
      acceptDownloads: true,
      viewport: { width: 900, height: 900 },
    });
    const page = await context.newPage();
    const failed: string[] = [];
    // A navigation that turns into a download is reported as aborted: that one is expected.
    page.on('requestfailed', (request) => {
      if (!request.url().endsWith('/download')) failed.push(request.url());
    });
    page.on('response', (response) => {
      if (response.status() >= 400) failed.push(`${response.status()} ${response.url()}`);
    });
    try {
      await page.goto(`${server.url}/`, { waitUntil: 'load' });

      // The layout, the header partial and the footer partial.
      expect(await page.title()).toBe('Guest book · web pages');
      expect(await page.textContent('header.site .site-name')).toBe('Web pages');
      expect(await page.textContent('header.site .tagline')).toBe('Guest book');
      expect(await page.textContent('h1')).toBe('Leave a message');
      expect(await page.textContent('#empty')).toBe('No messages yet: be the first.');
      expect(await page.textContent('footer.site #count')).toBe('0');

      // The stylesheet from public/css is applied.
      // Evaluated in the page (a string: this project's TypeScript has no DOM types).
      const styles = await page.evaluate<Record<string, string>>(`(() => {
        const header = getComputedStyle(document.querySelector('header.site'));
        const body = getComputedStyle(document.body);
        return {
          header: header.backgroundColor,
          display: header.display,
          background: body.backgroundColor,
          font: body.fontFamily,
        };
      })()`);
      expect(styles).toEqual({
        header: 'rgb(120, 53, 15)',
        display: 'flex',
        background: 'rgb(250, 246, 238)',
        font: 'Georgia, "Times New Roman", serif',
      });

      // The image from public/images loaded (its real size, not a broken-image box).
      const image = await page.evaluate<Record<string, unknown>>(`(() => {
        const img = document.querySelector('#logo');
        return { complete: img.complete, width: img.naturalWidth, height: img.naturalHeight };
      })()`);
      expect(image).toEqual({ complete: true, width: 96, height: 96 });

      // The script from public/js ran.
      expect(await page.textContent('#js-status')).toBe('JavaScript ran.');
      expect(await page.getAttribute('#js-status', 'class')).toBe('js-on');
      await page.fill('textarea[name="text"]', 'Hello');
      expect(await page.textContent('#chars-left')).toBe('275 characters left');

      // The download: its file name and its bytes.
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.click('#download'),
      ]);
      expect(download.suggestedFilename()).toBe('prices.csv');
      const saved = await download.path();
      expect(readFileSync(saved)).toEqual(readFileSync(join(SITE_ROOT, 'files/prices.csv')));

      // A form post, then the flash message once.
      await page.fill('input[name="name"]', 'Morty <b>Smith</b>');
      await page.fill('textarea[name="text"]', 'Nice site & a <script>alert(1)</script> test');
      await Promise.all([page.waitForNavigation(), page.click('button[type="submit"]')]);
      expect(new URL(page.url()).pathname).toBe('/');
      expect(await page.textContent('p.flash')).toBe(
        'Thank you, Morty <b>Smith</b>: your message is in the book.',
      );
      expect(await page.locator('p.flash b').count()).toBe(0); // escaped, not markup
      expect(await page.textContent('#messages li')).toBe(
        'Morty <b>Smith</b>: Nice site & a <script>alert(1)</script> test',
      );
      expect(await page.textContent('footer.site #count')).toBe('1');
      expect(
        await page.evaluate<string>(
          `getComputedStyle(document.querySelector('p.flash')).borderTopColor`,
        ),
      ).toBe('rgb(74, 222, 128)');

      mkdirSync(SCREENSHOTS, { recursive: true });
      await page.screenshot({ path: join(SCREENSHOTS, 'web-pages.png'), fullPage: true });

      await page.reload({ waitUntil: 'load' });
      expect(await page.locator('p.flash').count()).toBe(0);
      expect(await page.locator('#messages li').count()).toBe(1);
      expect(failed).toEqual([]);
    } finally {
      await context.close();
    }
  }, 90_000);

  it('answers a post without its CSRF token with 403 and an empty message with 400, and keeps serving', async () => {
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      await page.goto(`${server.url}/`);
      const forged = await context.request.post(`${server.url}/messages`, {
        form: { name: 'x', text: 'forged' },
        maxRedirects: 0,
      });
      expect(forged.status()).toBe(403);
      const token = await page.getAttribute('input[name="pode.csrf"]', 'value');
      const empty = await context.request.post(`${server.url}/messages`, {
        form: { name: ' ', text: '', 'pode.csrf': token ?? '' },
        maxRedirects: 0,
      });
      expect(empty.status()).toBe(400);
      const missing = await context.request.get(`${server.url}/images/nothing.png`);
      expect(missing.status()).toBe(404);
      const outside = await context.request.get(`${server.url}/css/..%2f..%2fserver.ts`);
      expect(outside.status()).toBe(404);
      await page.reload();
      expect(await page.textContent('h1')).toBe('Leave a message');
    } finally {
      await context.close();
    }
  }, 60_000);
});
