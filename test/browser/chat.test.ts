/**
 * examples/chat in a real headless browser (Debian's chromium, playwright-core): two users in
 * two browser contexts log in, open the chat page, and what one types appears on the other's
 * page over the WebSocket; a page that is not logged in cannot open the socket. The example
 * imports 'pode-ts', which resolves to dist/: run `npm run build` first.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { start } from '../../examples/chat/server.js';
import { RefusedError, TestSocket } from '../realtime/support.js';
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

async function chatAs(username: string, password: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await page.goto(`${server.url}/`);
  expect(new URL(page.url()).pathname).toBe('/login');
  await page.fill('input[name="username"]', username);
  await page.fill('input[name="password"]', password);
  await Promise.all([page.waitForNavigation(), page.click('button[type="submit"]')]);
  expect(new URL(page.url()).pathname).toBe('/');
  await page.waitForSelector('#status:text("connected")', { timeout: 10_000 });
  return page;
}

async function say(page: Page, text: string): Promise<void> {
  await page.fill('#text', text);
  await page.click('#say button');
}

describe('examples/chat in headless chromium', () => {
  it('what one user types appears on the other user’s page, with who said it', async () => {
    const alice = await chatAs('alice', 'wonderland');
    const bob = await chatAs('bob', 'builder');
    await alice.waitForSelector('#online:text("2")', { timeout: 10_000 });

    await say(alice, 'Hello Bob <b>!</b>');
    await bob.waitForSelector('#messages li', { timeout: 10_000 });
    expect(await bob.textContent('#messages li')).toBe('Alice: Hello Bob <b>!</b>');

    await say(bob, 'Hi Alice');
    await alice.waitForSelector('#messages li:nth-child(2)', { timeout: 10_000 });
    expect(await alice.locator('#messages li').allTextContents()).toEqual([
      'Alice: Hello Bob <b>!</b>',
      'Bob: Hi Alice',
    ]);
    expect(await bob.locator('#messages li').allTextContents()).toEqual([
      'Alice: Hello Bob <b>!</b>',
      'Bob: Hi Alice',
    ]);

    // Bob leaves: Alice sees the count drop.
    await bob.context().close();
    await alice.waitForSelector('#online:text("1")', { timeout: 10_000 });
    await alice.context().close();
  }, 60_000);

  it('a page that is not logged in cannot open the chat socket', async () => {
    const page = await (await browser.newContext()).newPage();
    await page.goto(`${server.url}/login`);
    const outcome = await page.evaluate(
      (url) =>
        new Promise<string>((resolve) => {
          const socket = new WebSocket(url);
          socket.onopen = () => resolve('open');
          socket.onclose = (event) => resolve(`closed ${event.code}`);
        }),
      `${server.url.replace('http', 'ws')}/chat`,
    );
    expect(outcome).toBe('closed 1006');
    await page.context().close();
  }, 30_000);

  it('an upgrade from another origin gets 403 before authentication, one without a login 401', async () => {
    const url = `${server.url.replace('http', 'ws')}/chat`;
    await expect(TestSocket.open(url, { origin: 'http://evil.example' })).rejects.toEqual(
      new RefusedError(403),
    );
    await expect(TestSocket.open(url)).rejects.toEqual(new RefusedError(401));
  });
});
