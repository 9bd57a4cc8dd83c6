/**
 * CORS in a real browser (Debian's chromium via playwright-core): a page on one origin calls an
 * API on another with a method and headers that need a preflight, with credentials. The browser
 * itself decides whether the answers are good enough; pode-ts must satisfy it, and a server that
 * does not allow the page's origin must be refused by it. Imports src/ directly.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serve } from '../helpers.js';
import { launchChromium } from './chromium.js';

let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  await browser?.close();
});

/** The page's origin is http://127.0.0.1:<port>; the API is called through http://localhost:<port>. */
async function callFromPage(allowedOrigin: (pageOrigin: string) => string) {
  const page = await serve((s) => {
    s.addRoute('GET', '/', (e) => e.writeHtml('<!DOCTYPE html><title>page</title><p>page</p>'));
  });
  let preflights = 0;
  const api = await serve(
    (s) => {
      s.addEndpoint({ address: '127.0.0.1', port: 0 });
      // Endware runs for every request, the preflights no route matched included.
      s.addEndware((e) => {
        if (e.method === 'OPTIONS') preflights++;
      });
      s.addRoute('PUT', '/items/:id', (e) =>
        e.writeJson({ id: e.parameters.id, token: e.headers['x-token'], body: e.data }),
      );
      s.setSecurityAccessControl({
        origin: allowedOrigin(page.url),
        methods: ['GET', 'PUT'],
        headers: ['Content-Type', 'X-Token'],
        credentials: true,
      });
    },
    {},
    { endpoint: false },
  );
  const apiUrl = api.url.replace('127.0.0.1', 'localhost');
  const context = await browser.newContext();
  try {
    const tab = await context.newPage();
    await tab.goto(page.url);
    const result = await tab.evaluate(async (url) => {
      try {
        const response = await fetch(`${url}/items/7`, {
          method: 'PUT',
          credentials: 'include',
          headers: { 'Content-Type': 'application/json', 'X-Token': 'abc' },
          body: JSON.stringify({ name: 'seven' }),
        });
        return { ok: true, status: response.status, body: await response.json() };
      } catch (error) {
        return { ok: false, error: String(error) };
      }
    }, apiUrl);
    return { result, preflights };
  } finally {
    await context.close();
  }
}

describe('CORS in headless chromium', () => {
  it('a preflighted, credentialed PUT from an allowed origin succeeds', async () => {
    const { result, preflights } = await callFromPage((pageOrigin) => pageOrigin);
    expect(result).toEqual({
      ok: true,
      status: 200,
      body: { id: '7', token: 'abc', body: { name: 'seven' } },
    });
    expect(preflights).toBe(1);
  });

  it('the browser refuses the same call when the page origin is not allowed', async () => {
    const { result } = await callFromPage(() => 'https://somewhere-else.example');
    expect(result.ok).toBe(false);
    expect(result.error).toMatch(/Failed to fetch/);
  });
});
