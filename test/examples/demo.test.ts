/**
 * examples/demo, what `npm start` runs, over HTTP: the login form, the session counter on the
 * home page (an Eta view with a layout and a partial), the stylesheet from public/, the flash
 * message after the reset form, the download, logging out, and bad input answered without harm.
 * The same site in a real browser is in test/browser/demo.test.ts.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DOWNLOAD, SITE_ROOT, start } from '../../examples/demo/server.js';
import { Client } from '../helpers.js';

const servers: { stop(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.stop()));
});

async function startDemo() {
  const server = await start(0, '127.0.0.1', { logger: false, handleSignals: false });
  servers.push(server);
  return server;
}

function csrfOf(html: string): string {
  const token = /name="pode\.csrf" value="([^"]+)"/.exec(html)?.[1];
  expect(token, 'a CSRF token in the form').toBeDefined();
  return token!.replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code)));
}

async function post(client: Client, path: string, fields: Record<string, string>) {
  return client.fetch(path, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
  });
}

async function logIn(client: Client, username = 'morty', password = 'pickle') {
  const form = await (await client.fetch('/login')).text();
  return post(client, '/login', { username, password, 'pode.csrf': csrfOf(form) });
}

describe('examples/demo (what npm start runs)', () => {
  it('sends visitors to the login form, a styled page from views with the stylesheet from public/', async () => {
    const server = await startDemo();
    const home = await fetch(`${server.url}/`, { redirect: 'manual' });
    expect(home.status).toBe(302);
    expect(home.headers.get('location')).toBe('/login');
    const login = await fetch(`${server.url}/login`);
    expect(login.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const html = await login.text();
    expect(html).toContain('<title>Log in · pode-ts demo</title>'); // the layout
    expect(html).toContain('<a class="brand" href="/">'); // the nav partial
    expect(html).toContain('<form method="post" action="/login"');
    const css = await fetch(`${server.url}/css/site.css`);
    expect(css.status).toBe(200);
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8');
    expect(await css.text()).toBe(readFileSync(join(SITE_ROOT, 'public/css/site.css'), 'utf8'));
  });

  it('logs in, counts views per session, flashes a message after the reset form once, and logs out', async () => {
    const server = await startDemo();
    const browser = new Client(server.url);
    const wrong = await logIn(browser, 'morty', 'wrong');
    expect(wrong.headers.get('location')).toBe('/login');
    expect(await (await browser.fetch('/login')).text()).toContain('Wrong username or password.');

    const loggedIn = await logIn(browser);
    expect(loggedIn.status).toBe(302);
    expect(loggedIn.headers.get('location')).toBe('/');
    const first = await (await browser.fetch('/')).text();
    expect(first).toContain('<strong id="name">Morty Smith</strong>');
    expect(first).toContain('<span id="views">1</span>');
    expect(first).not.toContain('class="flash');
    const second = await (await browser.fetch('/')).text();
    expect(second).toContain('<span id="views">2</span>');
    // Another browser logs in as someone else and has its own count.
    const other = new Client(server.url);
    await logIn(other, 'summer', 'sunshine');
    expect(await (await other.fetch('/')).text()).toContain('<span id="views">1</span>');

    const reset = await post(browser, '/reset', { 'pode.csrf': csrfOf(second) });
    expect(reset.status).toBe(302);
    expect(reset.headers.get('location')).toBe('/');
    const flashed = await (await browser.fetch('/')).text();
    expect(flashed).toContain(
      '<p class="flash flash-info" role="status">The counter starts again.</p>',
    );
    expect(flashed).toContain('<span id="views">1</span>');
    const again = await (await browser.fetch('/')).text();
    expect(again).not.toContain('The counter starts again.');

    const logout = await post(browser, '/logout', { 'pode.csrf': csrfOf(again) });
    expect(logout.status).toBe(302);
    expect((await browser.fetch('/')).headers.get('location')).toBe('/login');
  });

  it('sends the cheat sheet as a download, to logged-in visitors only', async () => {
    const server = await startDemo();
    const anonymous = await fetch(`${server.url}/download`, { redirect: 'manual' });
    expect(anonymous.status).toBe(302);
    const browser = new Client(server.url);
    await logIn(browser);
    const download = await browser.fetch('/download');
    expect(download.status).toBe(200);
    expect(download.headers.get('content-disposition')).toBe(`attachment; filename="${DOWNLOAD}"`);
    expect(download.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(Buffer.from(await download.arrayBuffer())).toEqual(
      readFileSync(join(SITE_ROOT, 'public/files', DOWNLOAD)),
    );
  });

  it('refuses forms without their CSRF token and bad paths, and keeps serving', async () => {
    const server = await startDemo();
    const browser = new Client(server.url);
    const noToken = await post(browser, '/login', { username: 'morty', password: 'pickle' });
    expect(noToken.status).toBe(403);
    await logIn(browser);
    expect((await post(browser, '/reset', {})).status).toBe(403);
    expect((await browser.fetch('/css/..%2f..%2fserver.ts')).status).toBe(404);
    expect((await browser.fetch('/nothing-here')).status).toBe(404);
    expect(await (await browser.fetch('/')).text()).toContain('<span id="views">1</span>');
  });
});
