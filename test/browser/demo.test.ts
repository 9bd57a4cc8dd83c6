/**
 * examples/demo (what `npm start` runs) in headless chromium: the login form, the styled home
 * page with the session counter, the flash message after the reset form (once), the download,
 * and logging out. Writes test/browser/screenshots/demo.png. Build first (it imports dist/).
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DOWNLOAD, SITE_ROOT, start } from '../../examples/demo/server.js';
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

async function submit(page: Page, selector: string): Promise<void> {
  await Promise.all([page.waitForNavigation(), page.click(selector)]);
}

describe('examples/demo in headless chromium', () => {
  it('logs in, counts views, flashes once after the reset form, downloads, and logs out', async () => {
    const context = await browser.newContext({
      acceptDownloads: true,
      viewport: { width: 1100, height: 760 },
    });
    const page = await context.newPage();
    try {
      await page.goto(`${server.url}/`);
      expect(new URL(page.url()).pathname).toBe('/login');
      expect(await page.title()).toBe('Log in · pode-ts demo');
      // The stylesheet from public/ is applied to the layout's header bar.
      expect(
        await page.evaluate<string>(`getComputedStyle(document.querySelector('.bar')).display`),
      ).toBe('flex');

      await page.fill('input[name="username"]', 'morty');
      await page.fill('input[name="password"]', 'wrong');
      await submit(page, 'form.login button[type="submit"]');
      expect(await page.textContent('p.flash-error')).toBe('Wrong username or password.');
      await page.fill('input[name="username"]', 'morty');
      await page.fill('input[name="password"]', 'pickle');
      await submit(page, 'form.login button[type="submit"]');
      expect(new URL(page.url()).pathname).toBe('/');
      expect(await page.textContent('#name')).toBe('Morty Smith');
      expect(await page.textContent('#views')).toBe('1');
      await page.reload();
      expect(await page.textContent('#views')).toBe('2');

      await submit(page, '#reset');
      expect(await page.textContent('p.flash-info')).toBe('The counter starts again.');
      expect(await page.textContent('#views')).toBe('1');
      mkdirSync(SCREENSHOTS, { recursive: true });
      await page.screenshot({ path: join(SCREENSHOTS, 'demo.png'), fullPage: true });
      await page.reload();
      expect(await page.locator('p.flash-info').count()).toBe(0);

      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.click('#download'),
      ]);
      expect(download.suggestedFilename()).toBe(DOWNLOAD);
      expect(readFileSync(await download.path())).toEqual(
        readFileSync(join(SITE_ROOT, 'public/files', DOWNLOAD)),
      );

      await submit(page, '#logout');
      expect(new URL(page.url()).pathname).toBe('/login');
    } finally {
      await context.close();
    }
  }, 90_000);
});
