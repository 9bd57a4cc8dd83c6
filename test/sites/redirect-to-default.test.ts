/**
 * `addStaticRoute(…, { redirectToDefault: true })` (Pode's `-RedirectToDefault`): a folder with a
 * default file is answered with a 302 to that file, which is then served as any other; without a
 * default file the folder is 404 (or listed with fileBrowser). Groups hand the option down.
 */
import { describe, expect, it } from 'vitest';
import { serve, setupFailure } from '../helpers.js';
import { link, makeSite, rawGet } from '../static/fixtures.js';

const root = makeSite({
  'secret.txt': 'TOP SECRET',
  'site/index.html': '<h1>home</h1>',
  'site/docs/default.htm': '<h1>docs</h1>',
  'site/empty/readme.txt': 'no default here',
  'site/names/my page.html': '<h1>spaced</h1>',
});
link(root, 'site/out', root);

describe('static routes with redirectToDefault', () => {
  it('redirects a folder to its first default file, which is then served', async () => {
    const server = await serve(
      (s) => s.addStaticRoute('/site', './site', { redirectToDefault: true }),
      { root },
    );
    const top = await rawGet(server.url, '/site');
    expect(top.status).toBe(302);
    expect(top.headers.location).toBe('/site/index.html');
    const slash = await rawGet(server.url, '/site/');
    expect(slash.headers.location).toBe('/site/index.html');
    const docs = await rawGet(server.url, '/site/docs');
    expect(docs.status).toBe(302);
    expect(docs.headers.location).toBe('/site/docs/default.htm');
    const followed = await fetch(`${server.url}/site/docs`);
    expect(followed.status).toBe(200);
    expect(await followed.text()).toBe('<h1>docs</h1>');
    // A folder without a default file: 404, as without the option.
    expect((await rawGet(server.url, '/site/empty')).status).toBe(404);
    // Files are served as ever; a folder leading outside is not redirected anywhere.
    expect((await rawGet(server.url, '/site/index.html')).body).toBe('<h1>home</h1>');
    const out = await rawGet(server.url, '/site/out');
    expect(out.status).toBe(404);
    expect(out.headers.location).toBeUndefined();
  });

  it('encodes the default name in the Location, and works in a static route group', async () => {
    const server = await serve(
      (s) =>
        s.addStaticRouteGroup({ path: '/g', source: './site', redirectToDefault: true }, (g) => {
          g.addStaticRoute('/names', '/names', { defaults: ['my page.html'] });
        }),
      { root },
    );
    const names = await rawGet(server.url, '/g/names');
    expect(names.status).toBe(302);
    expect(names.headers.location).toBe('/g/names/my%20page.html');
    expect(await (await fetch(`${server.url}/g/names`)).text()).toBe('<h1>spaced</h1>');
  });

  it('is off by default, and a typo in its name is refused at start-up', async () => {
    const server = await serve((s) => s.addStaticRoute('/site', './site'), { root });
    const top = await rawGet(server.url, '/site');
    expect(top.status).toBe(200);
    expect(top.body).toBe('<h1>home</h1>');
    expect(
      await setupFailure(
        (s) => s.addStaticRoute('/site', './site', { redirectToDefaults: true } as never),
        { root },
      ),
    ).toMatchObject({ code: 'PODE_ERR_UNKNOWN_OPTION' });
  });
});
