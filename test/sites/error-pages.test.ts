/**
 * Pode's custom error pages: `<root>/errors` (or `s.setDefaultFolder('errors', path)`) holding
 * `<status>.<ext>` and `default.<ext>` files; the page whose type the route's errorContentType
 * (or an Accept asking for JSON) names, else the HTML one, else pode-ts's own page.
 */
import { symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { serve, setupFailure } from '../helpers.js';
import { makeSite } from '../static/fixtures.js';

const root = makeSite({
  'secret.html': '<p>TOP SECRET</p>',
  'errors/404.html': '<h1>Nothing here</h1>',
  'errors/default.html': '<h1>Something went wrong</h1>',
  'errors/default.json': '{"error":"custom"}',
  'errors/500.eta': 'dynamic pages are not read',
  'errors/notes.txt': 'not an error page',
  'pages/errors/403.html': '<h1>Moved folder: forbidden</h1>',
});
symlinkSync(join(root, 'secret.html'), join(root, 'errors/401.html'));

function routes(s: Parameters<Parameters<typeof serve>[0]>[0]) {
  s.addRoute('GET', '/boom', () => {
    throw new Error('boom');
  });
  s.addRoute('GET', '/teapot', (e) => e.setStatus(418));
  s.addRoute('GET', '/forbidden', (e) => e.setStatus(403));
  s.addRoute('GET', '/login', (e) => e.setStatus(401));
  s.addRoute({ method: 'GET', path: '/api/missing', errorContentType: 'application/json' }, (e) =>
    e.setStatus(404),
  );
  s.addRoute({ method: 'GET', path: '/xml', errorContentType: 'application/xml' }, (e) =>
    e.setStatus(400),
  );
}

describe('custom error pages from the errors folder', () => {
  it('answers with <status>.html, else default.html, in the server root errors/ folder', async () => {
    const server = await serve(routes, { root });
    const missing = await fetch(`${server.url}/no-such-page`);
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await missing.text()).toBe('<h1>Nothing here</h1>');
    const boom = await fetch(`${server.url}/boom`);
    expect(boom.status).toBe(500);
    expect(await boom.text()).toBe('<h1>Something went wrong</h1>'); // 500.eta is not a static page
    const teapot = await fetch(`${server.url}/teapot`);
    expect(teapot.status).toBe(418);
    expect(await teapot.text()).toBe('<h1>Something went wrong</h1>');
  });

  it("takes the route's errorContentType (or Accept: JSON), falling back to the HTML page", async () => {
    const server = await serve(routes, { root });
    const api = await fetch(`${server.url}/api/missing`);
    expect(api.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(await api.json()).toEqual({ error: 'custom' });
    const asked = await fetch(`${server.url}/no-such-page`, {
      headers: { accept: 'application/json' },
    });
    expect(await asked.json()).toEqual({ error: 'custom' });
    const xml = await fetch(`${server.url}/xml`); // no XML page: the HTML one
    expect(xml.status).toBe(400);
    expect(await xml.text()).toBe('<h1>Something went wrong</h1>');
  });

  it('never serves a symlink out of the folder as a page', async () => {
    const server = await serve(routes, { root });
    const login = await fetch(`${server.url}/login`);
    expect(login.status).toBe(401);
    expect(await login.text()).toBe('<h1>Something went wrong</h1>');
  });

  it("moves with setDefaultFolder('errors'), and is not used without the folder", async () => {
    const moved = await serve(
      (s) => {
        s.setDefaultFolder('errors', './pages/errors');
        routes(s);
      },
      { root },
    );
    expect(await (await fetch(`${moved.url}/forbidden`)).text()).toBe(
      '<h1>Moved folder: forbidden</h1>',
    );
    const other = await (await fetch(`${moved.url}/no-such-page`)).text();
    expect(other).toContain('<h1>404 Not Found</h1>'); // pode-ts's own page: no 404 or default here
    const plain = await serve(routes, { root: join(root, 'pages') });
    // pages/ has an errors folder too: 403 only.
    expect(await (await fetch(`${plain.url}/teapot`)).text()).toContain(
      '<h1>418 I&#39;m a Teapot</h1>',
    );
    expect(
      await setupFailure((s) => s.setDefaultFolder('errors', './no-such-folder'), { root }),
    ).toMatchObject({ code: 'PODE_ERR_BAD_OPTION' });
  });
});
