import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { basic } from '../../src/index.js';
import { serve, setupFailure } from '../helpers.js';
import { link, makeSite, rawGet, standardSite } from './fixtures.js';

const root = standardSite();

function site(options = {}) {
  return serve(
    (s) => {
      s.addStaticRoute('/assets', './assets', options);
      s.addRoute('GET', '/api/hello', (e) => e.writeText('hello'));
    },
    { root },
  );
}

describe('static routes: files', () => {
  it('serves a file with its type, length, ETag, Last-Modified and Accept-Ranges', async () => {
    const server = await site();
    const response = await fetch(`${server.url}/assets/site.css`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/css; charset=utf-8');
    expect(response.headers.get('content-length')).toBe('20');
    expect(response.headers.get('etag')).toMatch(/^W\/".+"$/);
    expect(response.headers.get('last-modified')).not.toBeNull();
    expect(response.headers.get('accept-ranges')).toBe('bytes');
    expect(response.headers.get('cache-control')).toBeNull();
    expect(await response.text()).toBe('body { color: red; }');
  });

  it('gives JavaScript and JSON the same types as e.writeFile', async () => {
    const server = await site();
    const js = await fetch(`${server.url}/assets/app.js`);
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    const json = await fetch(`${server.url}/assets/data.json`);
    expect(json.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(await json.json()).toEqual({ a: 1 });
  });

  it('decodes percent-escapes in file names once', async () => {
    const server = await site();
    const response = await fetch(`${server.url}/assets/space%20name.txt`);
    expect(await response.text()).toBe('spaced');
  });

  it('answers 304 to a matching If-None-Match or a later If-Modified-Since, with no body', async () => {
    const server = await site();
    const first = await fetch(`${server.url}/assets/site.css`);
    const etag = first.headers.get('etag')!;
    const lastModified = first.headers.get('last-modified')!;
    // fetch itself turns a conditional request into a no-cache one: these go out as written.
    const byEtag = await rawGet(server.url, '/assets/site.css', {
      headers: { 'if-none-match': etag },
    });
    expect(byEtag.status).toBe(304);
    expect(byEtag.headers.etag).toBe(etag);
    expect(byEtag.body).toBe('');
    const byDate = await rawGet(server.url, '/assets/site.css', {
      headers: { 'if-modified-since': lastModified },
    });
    expect(byDate.status).toBe(304);
    const stale = await rawGet(server.url, '/assets/site.css', {
      headers: { 'if-none-match': 'W/"other"' },
    });
    expect(stale.status).toBe(200);
    expect(stale.body).toBe('body { color: red; }');
    const reload = await rawGet(server.url, '/assets/site.css', {
      headers: { 'if-none-match': etag, 'cache-control': 'no-cache' },
    });
    expect(reload.status).toBe(200);
  });

  it('answers a byte range with 206 and Content-Range, and an unsatisfiable one with 416', async () => {
    const server = await site();
    const part = await fetch(`${server.url}/assets/site.css`, { headers: { range: 'bytes=0-3' } });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe('bytes 0-3/20');
    expect(await part.text()).toBe('body');
    const tail = await fetch(`${server.url}/assets/site.css`, { headers: { range: 'bytes=-2' } });
    expect(await tail.text()).toBe(' }');
    const beyond = await fetch(`${server.url}/assets/site.css`, {
      headers: { range: 'bytes=100-200' },
    });
    expect(beyond.status).toBe(416);
    expect(beyond.headers.get('content-range')).toBe('bytes */20');
  });

  it('answers a request for many ranges with the file once (no amplification)', async () => {
    const server = await site();
    const disjoint = Array.from({ length: 1000 }, (_, i) => `${i * 2}-${i * 2}`).join(',');
    const response = await rawGet(server.url, '/assets/big.bin', {
      headers: { range: `bytes=${disjoint}` },
    });
    expect(response.status).toBe(200);
    expect(response.headers['content-length']).toBe(String(64 * 1024));
    expect(response.body.length).toBe(64 * 1024);
    const overlapping = Array.from({ length: 500 }, () => '0-65535').join(',');
    const repeated = await rawGet(server.url, '/assets/big.bin', {
      headers: { range: `bytes=${overlapping}` },
    });
    expect([200, 206]).toContain(repeated.status);
    expect(repeated.body.length).toBe(64 * 1024);
  });

  it('answers HEAD with the headers of GET and no body', async () => {
    const server = await site();
    const response = await rawGet(server.url, '/assets/big.bin', { method: 'HEAD' });
    expect(response.status).toBe(200);
    expect(response.headers['content-length']).toBe(String(64 * 1024));
    expect(response.headers['content-type']).toBe('application/octet-stream');
    expect(response.body).toBe('');
  });

  it('answers other methods with 405 and Allow, and leaves other routes alone', async () => {
    const server = await site();
    const post = await fetch(`${server.url}/assets/site.css`, { method: 'POST' });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD, OPTIONS');
    expect(await (await fetch(`${server.url}/api/hello`)).text()).toBe('hello');
    expect((await fetch(`${server.url}/nothing`)).status).toBe(404);
  });

  it('answers a missing file with the 404 error page', async () => {
    const server = await site();
    const response = await fetch(`${server.url}/assets/missing.css`, {
      headers: { accept: 'application/json' },
    });
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ status: 404, message: 'Not Found' });
  });

  it('sends Cache-Control and Expires when the route caches', async () => {
    const server = await site({ cache: { maxAge: 600 } });
    const response = await fetch(`${server.url}/assets/site.css`);
    expect(response.headers.get('cache-control')).toBe('max-age=600, must-revalidate');
    const expires = Date.parse(response.headers.get('expires')!);
    expect(Math.abs(expires - (Date.now() + 600_000))).toBeLessThan(5_000);
    const defaultAge = await site({ cache: true });
    expect((await fetch(`${defaultAge.url}/assets/site.css`)).headers.get('cache-control')).toBe(
      'max-age=3600, must-revalidate',
    );
  });
});

describe('static routes: folders', () => {
  it('answers a folder with its default file, with or without the trailing slash', async () => {
    const server = await site();
    for (const path of ['/assets', '/assets/', '/Assets/']) {
      const response = await fetch(`${server.url}${path}`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(await response.text()).toBe('<h1>assets index</h1>');
    }
  });

  it('answers a folder without a default file with 404, or the listing with fileBrowser', async () => {
    const plain = await site();
    expect((await fetch(`${plain.url}/assets/docs/`)).status).toBe(404);
    expect((await fetch(`${plain.url}/assets/docs`)).status).toBe(404);
    const browsing = await site({ fileBrowser: true });
    const response = await fetch(`${browsing.url}/assets/docs/`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const html = await response.text();
    expect(html).toContain('<a href="/assets/docs/guide.txt">guide.txt</a>');
    expect(html).toContain('<a href="/assets/docs/readme.txt">readme.txt</a>');
    expect(html).toContain('<a href="/assets">..</a>');
  });

  it('lists folders first, escapes names, and hides dotfiles in the file browser', async () => {
    const server = await site({ fileBrowser: true, defaults: ['none.html'] });
    const html = await (await fetch(`${server.url}/assets/`)).text();
    expect(html).toContain('<a href="/assets/docs/">docs/</a>');
    expect(html).toContain('<a href="/assets/space%20name.txt">space name.txt</a>');
    expect(html).not.toContain('.env');
    expect(html).not.toContain('.hidden');
    expect(html.indexOf('docs/')).toBeLessThan(html.indexOf('site.css'));
  });

  it('uses the defaults given, in order', async () => {
    const server = await site({ defaults: ['readme.txt', 'guide.txt'] });
    expect(await (await fetch(`${server.url}/assets/docs/`)).text()).toBe('read me');
  });

  it('sends every file as an attachment with downloadOnly, and no default for folders', async () => {
    const server = await site({ downloadOnly: true });
    const response = await fetch(`${server.url}/assets/site.css`);
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="site.css"');
    expect(await response.text()).toBe('body { color: red; }');
    expect((await fetch(`${server.url}/assets/`)).status).toBe(404);
  });
});

describe('static routes: what is never served', () => {
  it('does not serve dotfiles or files in dot folders unless dotfiles is on', async () => {
    const server = await site();
    expect((await fetch(`${server.url}/assets/.env`)).status).toBe(404);
    expect((await fetch(`${server.url}/assets/.hidden/file.txt`)).status).toBe(404);
    const allowed = await site({ dotfiles: true });
    expect(await (await fetch(`${allowed.url}/assets/.env`)).text()).toBe('PASSWORD=1');
  });

  it('refuses every spelling of a way out of the folder', async () => {
    const server = await site();
    const attempts = [
      '/assets/../secret.txt',
      '/assets/..%2fsecret.txt',
      '/assets/..%2Fsecret.txt',
      '/assets/%2e%2e/secret.txt',
      '/assets/%2e%2e%2fsecret.txt',
      '/assets/.%2e/secret.txt',
      '/assets/..%5csecret.txt',
      '/assets/..\\secret.txt',
      '/assets/docs/..\\..\\secret.txt',
      '/assets/%252e%252e%252fsecret.txt',
      '/assets/%252e%252e/secret.txt',
      '/assets/..%00/secret.txt',
      '/assets/secret.txt%00.css',
      '/assets//../secret.txt',
      '/assets/%2fsecret.txt',
      '/assets/%2F..%2Fsecret.txt',
      '/assets/outside.txt',
      '/assets/outside-dir/secret.txt',
      '/assets/docs/%2e%2e/%2e%2e/secret.txt',
    ];
    for (const path of attempts) {
      const response = await rawGet(server.url, path);
      expect(response.body, path).not.toContain('TOP SECRET');
      expect([400, 404], `${path} → ${response.status}`).toContain(response.status);
    }
  });

  it('serves a symlink that stays inside the folder, and a folder literally named %2e%2e', async () => {
    const server = await site();
    expect(await (await rawGet(server.url, '/assets/inside.txt')).body).toBe(
      'body { color: red; }',
    );
    const literal = await rawGet(server.url, '/assets/%252e%252e/literal.txt');
    expect(literal.body).toBe('a folder really named %2e%2e');
  });

  it('checks a path again once it leads to another file (a symlink swapped in after a first serve)', async () => {
    const folder = makeSite({
      'secret.txt': 'TOP SECRET',
      'assets/page.txt': 'first',
      'assets/sub/page.txt': 'nested',
    });
    const server = await serve((s) => s.addStaticRoute('/assets', './assets'), { root: folder });
    expect((await rawGet(server.url, '/assets/page.txt')).body).toBe('first');
    expect((await rawGet(server.url, '/assets/sub/page.txt')).body).toBe('nested');
    // The same paths now lead outside: a file replaced by a symlink, a folder by a symlinked one.
    rmSync(join(folder, 'assets/page.txt'));
    link(folder, 'assets/page.txt', join(folder, 'secret.txt'));
    rmSync(join(folder, 'assets/sub'), { recursive: true });
    writeFileSync(join(folder, 'page.txt'), 'outside too');
    link(folder, 'assets/sub', folder);
    for (const path of ['/assets/page.txt', '/assets/sub/page.txt', '/assets/sub/secret.txt']) {
      const response = await rawGet(server.url, path);
      expect(response.status, path).toBe(404);
      expect(response.body, path).not.toMatch(/TOP SECRET|outside too/);
    }
    // A file rewritten in place (same path, new content) is still served.
    rmSync(join(folder, 'assets/page.txt'));
    writeFileSync(join(folder, 'assets/page.txt'), 'second');
    expect((await rawGet(server.url, '/assets/page.txt')).body).toBe('second');
  });

  it('logs a refused path as a warning and keeps serving', async () => {
    const lines: { msg?: string; path?: string }[] = [];
    const logger = pino(
      { level: 'warn' },
      new Writable({
        write(chunk: Buffer, _encoding, callback) {
          for (const line of chunk.toString().split('\n')) if (line) lines.push(JSON.parse(line));
          callback();
        },
      }),
    );
    const server = await serve((s) => s.addStaticRoute('/assets', './assets'), { root, logger });
    await rawGet(server.url, '/assets/outside.txt');
    await rawGet(server.url, '/assets/..%2fsecret.txt');
    expect(lines.filter((line) => line.msg?.startsWith('static file refused')).length).toBe(2);
    expect((await fetch(`${server.url}/assets/site.css`)).status).toBe(200);
  });
});

describe('static routes: the pipeline', () => {
  it('runs global middleware, route middleware and endware around a static file', async () => {
    const order: string[] = [];
    const server = await serve(
      (s) => {
        s.addMiddleware('global', (e) => {
          order.push(`global ${e.path}`);
        });
        s.addStaticRoute('/assets', './assets', {
          middleware: [
            (e) => {
              order.push('route');
              e.setHeader('X-Static', 'yes');
            },
          ],
        });
        s.addEndware((e) => {
          order.push(`endware ${e.response.statusCode}`);
        });
      },
      { root },
    );
    const response = await fetch(`${server.url}/assets/site.css`);
    expect(response.headers.get('x-static')).toBe('yes');
    expect(await response.text()).toBe('body { color: red; }');
    expect(order).toEqual(['global /assets/site.css', 'route', 'endware 200']);
  });

  it('lets a middleware stop the file being sent', async () => {
    const server = await site({
      middleware: [
        (e: import('../../src/index.js').WebEvent) => {
          e.setStatus(403);
          return false;
        },
      ],
    });
    const response = await fetch(`${server.url}/assets/site.css`);
    expect(response.status).toBe(403);
    expect(await response.text()).not.toContain('color');
  });

  it('asks for authentication on a static route with authentication', async () => {
    const server = await serve(
      (s) => {
        s.addAuth(
          'Basic',
          basic(),
          ({ username, password }) =>
            username === 'morty' && password === 'pickle' ? { user: { name: 'Morty' } } : null,
          { sessionless: true },
        );
        s.addStaticRoute('/private', './downloads', { authentication: 'Basic' });
      },
      { root },
    );
    const anonymous = await fetch(`${server.url}/private/report.pdf`);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('www-authenticate')).toBe('Basic realm="User"');
    const authorised = await fetch(`${server.url}/private/report.pdf`, {
      headers: { authorization: `Basic ${Buffer.from('morty:pickle').toString('base64')}` },
    });
    expect(authorised.status).toBe(200);
    expect(authorised.headers.get('content-type')).toBe('application/pdf');
  });

  it('replaces the file with what a later write or error sends', async () => {
    const server = await serve(
      (s) => {
        s.addStaticRoute('/assets', './assets');
        s.addEndware((e) => {
          if (e.query.fail === '1') e.writeJson({ replaced: true });
        });
      },
      { root },
    );
    const response = await fetch(`${server.url}/assets/big.bin?fail=1`);
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(await response.json()).toEqual({ replaced: true });
  });
});

describe('static routes: set-up', () => {
  it('throws at start-up when the source folder does not exist', async () => {
    const error = (await setupFailure((s) => s.addStaticRoute('/assets', './nope'), {
      root,
    })) as { code: string; message: string };
    expect(error.code).toBe('PODE_ERR_STATIC_SOURCE');
    expect(error.message).toContain('The Source path supplied for Static Route does not exist');
  });

  it("takes '*' for one whole segment of the prefix, as Pode does (/any/*/test)", async () => {
    const server = await serve((s) => s.addStaticRoute('/any/*/test', './assets'), { root });
    const file = await fetch(`${server.url}/any/thing/test/site.css`);
    expect(file.status).toBe(200);
    expect(await file.text()).toBe('body { color: red; }');
    expect((await fetch(`${server.url}/any/other/test/docs/readme.txt`)).status).toBe(200);
    expect((await fetch(`${server.url}/any/two/segments/test/site.css`)).status).toBe(404);
    expect((await fetch(`${server.url}/any/thing/test/../../../secret.txt`)).status).toBe(404);
    const partial = (await setupFailure((s) => s.addStaticRoute('/any/x*/test', './assets'), {
      root,
    })) as { code: string };
    expect(partial.code).toBe('PODE_ERR_BAD_ROUTE');
  });

  it('throws for defaults that are paths, a parameter in the path, or a second route on the same path', async () => {
    const defaults = (await setupFailure(
      (s) => s.addStaticRoute('/assets', './assets', { defaults: ['../x.html'] }),
      { root },
    )) as { code: string };
    expect(defaults.code).toBe('PODE_ERR_BAD_OPTION');
    const parameter = (await setupFailure((s) => s.addStaticRoute('/:id', './assets'), {
      root,
    })) as { code: string };
    expect(parameter.code).toBe('PODE_ERR_BAD_ROUTE');
    const twice = (await setupFailure(
      (s) => {
        s.addStaticRoute('/assets', './assets');
        s.addStaticRoute('/assets', './downloads');
      },
      { root },
    )) as { code: string };
    expect(twice.code).toBe('PODE_ERR_ROUTE_EXISTS');
  });

  it('serves a static route at the site root', async () => {
    const server = await serve((s) => s.addStaticRoute('/', './assets'), { root });
    expect(await (await fetch(`${server.url}/site.css`)).text()).toBe('body { color: red; }');
    expect(await (await fetch(`${server.url}/`)).text()).toBe('<h1>assets index</h1>');
  });
});
