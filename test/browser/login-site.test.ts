/**
 * The login site in a real headless browser: Debian's chromium driven by playwright-core (never
 * a browser a tool downloads). The site is imported from its TypeScript source; it imports
 * 'pode-ts', which resolves to dist/, so run `npm run build` first.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { start } from '../../examples/login-site/server.js';
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

async function logIn(page: Page, username: string, password: string): Promise<void> {
  await page.fill('input[name="username"]', username);
  await page.fill('input[name="password"]', password);
  await Promise.all([page.waitForNavigation(), page.click('button[type="submit"]')]);
}

async function sessionCookie(context: BrowserContext) {
  return (await context.cookies(server.url)).find((cookie) => cookie.name === 'pode.sid');
}

describe('examples/login-site in headless chromium', () => {
  it('logs in through the form, counts views, keeps notes with CSRF, and logs out', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    try {
      // A page that needs a login sends the visitor to the form, and remembers where they were going.
      await page.goto(`${server.url}/notes`);
      expect(new URL(page.url()).pathname).toBe('/login');
      expect(await page.locator('p.error').count()).toBe(0);

      await logIn(page, 'morty', 'wrong');
      expect(new URL(page.url()).pathname).toBe('/login');
      expect(await page.textContent('p.error')).toBe('Wrong username or password.');
      const beforeLogin = await sessionCookie(context);

      await logIn(page, 'morty', 'pickle');
      expect(new URL(page.url()).pathname).toBe('/notes'); // back where they were going
      const afterLogin = await sessionCookie(context);
      expect(afterLogin?.value).not.toBe(beforeLogin?.value); // the id rotated on login

      await page.goto(`${server.url}/`);
      expect(await page.textContent('#name')).toBe('Morty Smith');
      expect(await page.textContent('#views')).toBe('1');
      await page.reload();
      expect(await page.textContent('#views')).toBe('2');
      await page.reload();
      expect(await page.textContent('#views')).toBe('3');

      const cookie = await sessionCookie(context);
      expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
      expect(await page.evaluate<string>('document.cookie')).not.toContain('pode.sid');

      // The notes form carries a CSRF token; the flash message shows once.
      await page.click('a[href="/notes"]');
      await page.fill('input[name="note"]', 'Buy more pickles <b>now</b>');
      await Promise.all([page.waitForNavigation(), page.click('form[action="/notes"] button')]);
      expect(await page.textContent('p.info')).toBe('Note saved.');
      expect(await page.textContent('#notes li')).toBe('Buy more pickles <b>now</b>');
      await page.reload();
      expect(await page.locator('p.info').count()).toBe(0);

      // The same browser, cookies and all, but without the token: 403.
      const forged = await context.request.post(`${server.url}/notes`, {
        form: { note: 'forged' },
        maxRedirects: 0,
      });
      expect(forged.status()).toBe(403);
      await page.reload();
      expect(await page.locator('#notes li').count()).toBe(1);

      await Promise.all([page.waitForNavigation(), page.click('#logout')]);
      expect(new URL(page.url()).pathname).toBe('/login');
      expect((await sessionCookie(context))?.value).not.toBe(cookie?.value);
      await page.goto(`${server.url}/`);
      expect(new URL(page.url()).pathname).toBe('/login');
    } finally {
      await context.close();
    }
  }, 60_000);

  it('keeps two browsers apart: each has its own login and counter', async () => {
    const first = await browser.newContext();
    const second = await browser.newContext();
    try {
      const morty = await first.newPage();
      const summer = await second.newPage();
      await morty.goto(`${server.url}/login`);
      await logIn(morty, 'morty', 'pickle');
      await summer.goto(`${server.url}/login`);
      await logIn(summer, 'summer', 'sunshine');
      await morty.reload();
      expect(await morty.textContent('#name')).toBe('Morty Smith');
      expect(await morty.textContent('#views')).toBe('2');
      expect(await summer.textContent('#name')).toBe('Summer Smith');
      expect(await summer.textContent('#views')).toBe('1');
    } finally {
      await first.close();
      await second.close();
    }
  }, 60_000);
});
