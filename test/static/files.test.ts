import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  setResponseAttachment,
  writeDirectoryResponse,
  writeFileResponse,
} from '../../src/index.js';
import { pathInside } from '../../src/static/files.js';
import { serve } from '../helpers.js';
import { makeSite, rawGet, standardSite } from './fixtures.js';

const root = standardSite();

describe("Pode's public folder", () => {
  it('serves <root>/public at / for paths no route has, its index for /', async () => {
    const server = await serve((s) => s.addRoute('GET', '/api', (e) => e.writeText('api')), {
      root,
    });
    const icon = await fetch(`${server.url}/favicon.ico`);
    expect(icon.status).toBe(200);
    expect(icon.headers.get('content-type')).toBe('image/x-icon');
    expect(await (await fetch(`${server.url}/css/main.css`)).text()).toBe('main {}');
    expect(await (await fetch(`${server.url}/`)).text()).toBe('<h1>public index</h1>');
    expect(await (await fetch(`${server.url}/api`)).text()).toBe('api');
    expect((await fetch(`${server.url}/missing.css`)).status).toBe(404);
  });

  it('lets a route win over a public file of the same path', async () => {
    const server = await serve((s) => s.addRoute('GET', '/', (e) => e.writeText('route')), {
      root,
    });
    expect(await (await fetch(`${server.url}/`)).text()).toBe('route');
  });

  it('serves public files without user middleware, but with endware, and only for GET and HEAD', async () => {
    const seen: string[] = [];
    const server = await serve(
      (s) => {
        s.addMiddleware('seen', (e) => {
          seen.push(`middleware ${e.path}`);
        });
        s.addEndware((e) => {
          seen.push(`endware ${e.path} ${e.response.statusCode}`);
        });
      },
      { root },
    );
    expect((await fetch(`${server.url}/favicon.ico`)).status).toBe(200);
    expect(seen).toEqual(['endware /favicon.ico 200']);
    expect((await fetch(`${server.url}/favicon.ico`, { method: 'POST' })).status).toBe(404);
    const head = await rawGet(server.url, '/favicon.ico', { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.body).toBe('');
  });

  it('refuses ways out of the public folder', async () => {
    const server = await serve(() => {}, { root });
    for (const path of [
      '/../secret.txt',
      '/..%2fsecret.txt',
      '/%2e%2e/secret.txt',
      '/..\\secret.txt',
    ]) {
      const response = await rawGet(server.url, path);
      expect(response.body, path).not.toContain('TOP SECRET');
      expect([400, 404]).toContain(response.status);
    }
  });

  it('is moved with setDefaultFolder, and absent when the folder does not exist', async () => {
    const moved = await serve((s) => s.setDefaultFolder('public', './assets'), { root });
    expect(await (await fetch(`${moved.url}/site.css`)).text()).toBe('body { color: red; }');
    const none = await serve(() => {}, { root: join(root, 'downloads') });
    expect((await fetch(`${none.url}/`)).status).toBe(404);
  });
});

describe('e.writeFile / writeFileResponse', () => {
  it('streams a file from the server root with conditional and range support', async () => {
    const server = await serve(
      (s) =>
        s.addRoute('GET', '/report', async (e) => {
          await e.writeFile('./downloads/report.pdf');
        }),
      { root },
    );
    const response = await fetch(`${server.url}/report`);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    const etag = response.headers.get('etag')!;
    expect(await response.text()).toBe('%PDF-1.4 fake');
    expect(
      (await rawGet(server.url, '/report', { headers: { 'if-none-match': etag } })).status,
    ).toBe(304);
    const part = await fetch(`${server.url}/report`, { headers: { range: 'bytes=1-3' } });
    expect(part.status).toBe(206);
    expect(await part.text()).toBe('PDF');
  });

  it("takes Pode's options: contentType, statusCode, cache and maxAge", async () => {
    const server = await serve(
      (s) =>
        s.addRoute('GET', '/file', async () => {
          await writeFileResponse('./assets/data.json', {
            contentType: 'text/plain; charset=utf-8',
            statusCode: 202,
            cache: true,
            maxAge: 60,
          });
        }),
      { root },
    );
    const response = await fetch(`${server.url}/file`);
    expect(response.status).toBe(202);
    expect(response.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('max-age=60, must-revalidate');
    expect(await response.text()).toBe('{"a":1}');
  });

  it('answers a folder with 404, or its listing with fileBrowser', async () => {
    const server = await serve(
      (s) =>
        s.addRoute('GET', '/docs', async (e) => {
          await e.writeFile('./assets/docs', { fileBrowser: e.query.browse === '1' });
        }),
      { root },
    );
    expect((await fetch(`${server.url}/docs`)).status).toBe(404);
    const listing = await (await fetch(`${server.url}/docs?browse=1`)).text();
    expect(listing).toContain('readme.txt');
  });

  it('renders a .pode file with its data through the converter (Write-PodeFileResponse -Data)', async () => {
    const site = makeSite({ 'page.pode': '<p>$($data.name)</p>' });
    const server = await serve(
      (s) => s.addRoute('GET', '/', (e) => e.writeFile('./page.pode', { data: { name: 'x' } })),
      { root: site },
    );
    const response = await fetch(server.url);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('<p>x</p>');
  });
});

describe('e.writeDirectory / writeDirectoryResponse', () => {
  it('lists a folder from the server root, and answers 404 for a file or nothing', async () => {
    const server = await serve(
      (s) =>
        s.addRoute('GET', '/browse/:name', async (e) => {
          await writeDirectoryResponse(`./assets/${e.parameters.name}`);
        }),
      { root },
    );
    const listing = await fetch(`${server.url}/browse/docs`);
    expect(listing.status).toBe(200);
    const html = await listing.text();
    expect(html).toContain('<a href="/browse/docs/guide.txt">guide.txt</a>');
    expect(html).toContain('<a href="/browse">..</a>');
    expect((await fetch(`${server.url}/browse/site.css`)).status).toBe(404);
    expect((await fetch(`${server.url}/browse/none`)).status).toBe(404);
  });

  it('escapes file names in the listing', async () => {
    const site = makeSite({ 'files/a.txt': 'a' });
    writeFileSync(join(site, 'files', '<b>&"x".txt'), 'x');
    const server = await serve((s) => s.addRoute('GET', '/', (e) => e.writeDirectory('./files')), {
      root: site,
    });
    const html = await (await fetch(server.url)).text();
    expect(html).not.toContain('<b>');
    expect(html).toContain('&#60;b&#62;&#38;&#34;x&#34;.txt');
  });
});

describe('e.setResponseAttachment / setResponseAttachment', () => {
  it('finds the file through a static route and sends it as a download', async () => {
    const server = await serve(
      (s) => {
        s.addStaticRoute('/files', './downloads');
        s.addRoute('GET', '/download', async (e) => {
          await e.setResponseAttachment('/files/report.pdf');
        });
      },
      { root },
    );
    const response = await fetch(`${server.url}/download`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="report.pdf"');
    expect(response.headers.get('content-type')).toBe('application/pdf');
    expect(await response.text()).toBe('%PDF-1.4 fake');
  });

  it('falls back to the public folder, then to a path from the server root', async () => {
    const server = await serve(
      (s) =>
        s.addRoute('GET', '/download', async (e) => {
          await setResponseAttachment(e.query.path);
        }),
      { root },
    );
    const fromPublic = await fetch(`${server.url}/download?path=/css/main.css`);
    expect(fromPublic.headers.get('content-disposition')).toBe('attachment; filename="main.css"');
    expect(await fromPublic.text()).toBe('main {}');
    const fromRoot = await fetch(`${server.url}/download?path=./assets/app.js`);
    expect(fromRoot.headers.get('content-disposition')).toBe('attachment; filename="app.js"');
    const missing = await fetch(`${server.url}/download?path=./nope.txt`);
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-disposition')).toBeNull();
  });

  it('writes a non-ASCII file name as filename*, and takes a contentType', async () => {
    const server = await serve(
      (s) =>
        s.addRoute('GET', '/download', async (e) => {
          await e.setResponseAttachment('./downloads/naïve.txt', {
            contentType: 'application/octet-stream',
          });
        }),
      { root },
    );
    const response = await fetch(`${server.url}/download`);
    expect(response.headers.get('content-disposition')).toBe(
      `attachment; filename="na_ve.txt"; filename*=UTF-8''na%C3%AFve.txt`,
    );
    expect(response.headers.get('content-type')).toBe('application/octet-stream');
  });
});

describe('statuses around a streamed file', () => {
  it('keeps a status set before or after writeFile, as the other writers do', async () => {
    const server = await serve(
      (s) => {
        s.addRoute('GET', '/after', async (e) => {
          await e.writeFile('./assets/site.css');
          e.setStatus(201);
        });
        s.addRoute('GET', '/before', async (e) => {
          e.setStatus(203);
          await e.writeFile('./assets/site.css');
        });
      },
      { root },
    );
    const after = await fetch(`${server.url}/after`);
    expect(after.status).toBe(201);
    expect(await after.text()).toBe('body { color: red; }');
    expect((await fetch(`${server.url}/before`)).status).toBe(203);
    const partial = await fetch(`${server.url}/before`, { headers: { range: 'bytes=0-3' } });
    expect(partial.status).toBe(206);
    expect(await partial.text()).toBe('body');
  });
});

describe('pathInside', () => {
  const folder = { path: '/srv/site', real: '/srv/site' };

  it('refuses every name of dots and spaces only, which Windows may open as ..', () => {
    for (const name of ['..', '.. ', '...', '. .', ' ', '.. .']) {
      expect({ name, path: pathInside(folder, `docs/${name}/secret.txt`, true) }).toEqual({
        name,
        path: undefined,
      });
    }
  });

  it('takes names that only end in a dot or hold one, and skips . and empty parts', () => {
    expect(pathInside(folder, 'docs/v1./a.txt', true)).toBe('/srv/site/docs/v1./a.txt');
    expect(pathInside(folder, './docs//a.txt', false)).toBe('/srv/site/docs/a.txt');
    expect(pathInside(folder, 'docs/.env', false)).toBeUndefined();
  });
});
