import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { memoryLogger, serve } from '../helpers.js';
import { link, makeSite, rawGet } from './fixtures.js';

// Pode renders "dynamic" files when it serves them (static routes, the public folder): `.pode`
// always, and the view engine's own extension when the engine is dynamic (not html or md).
const root = makeSite({
  'secret.pode': 'SECRET $(1 + 1)',
  'public/styles/simple.css.pode':
    'body {\n    $( if (3 % 2 -eq 0) { "color: blue;" } else { "color: red;" } )\n}\n',
  'public/page.pode': '<p>$(2 * 21)</p>',
  'public/plain.css': 'p { margin: 0; }',
  'public/raw.html': '<p>$(2 * 21)</p>',
  'public/tpl.eps': '<b><%= 6 * 7 %></b>',
  'public/tpl.ps1': "param($data)\nreturn div { 'pshtml ok' }",
  'public/tpl.tmpl': 'custom template',
  'public/broken.pode': '<p>$($x.Frobnicate())</p>',
  'public/folder.pode/index.html': '<p>a folder named folder.pode</p>',
  'assets/report.txt.pode': 'total: $(40 + 2)',
  'assets/home/index.pode': '<h1>$("home".ToUpper())</h1>',
  'assets/app.js': 'console.log(1);',
});
link(root, 'assets/escape.pode', join(root, 'secret.pode'));

describe('dynamic files in the public folder', () => {
  it('renders a .css.pode file and answers it as CSS, with no ETag', async () => {
    const server = await serve(() => undefined, { root });
    const response = await fetch(`${server.url}/styles/simple.css.pode`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/css; charset=utf-8');
    expect(response.headers.get('etag')).toBeNull();
    expect(response.headers.get('last-modified')).toBeNull();
    expect(await response.text()).toBe('body {\n    color: red;\n}\n');
  });

  it('answers a .pode file with no inner extension as HTML', async () => {
    const server = await serve(() => undefined, { root });
    const response = await fetch(`${server.url}/page.pode`);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await response.text()).toBe('<p>42</p>');
  });

  it('answers HEAD with the headers of the rendered file and no body', async () => {
    const server = await serve(() => undefined, { root });
    const head = await rawGet(server.url, '/styles/simple.css.pode', { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers['content-type']).toBe('text/css; charset=utf-8');
    expect(head.headers['content-length']).toBe(String('body {\n    color: red;\n}\n'.length));
    expect(head.body).toBe('');
  });

  it('still sends an ordinary file with an ETag and answers 304 to it', async () => {
    const server = await serve(() => undefined, { root });
    const first = await fetch(`${server.url}/plain.css`);
    expect(await first.text()).toBe('p { margin: 0; }');
    const etag = first.headers.get('etag');
    expect(etag).toMatch(/^W\/".+"$/);
    const again = await rawGet(server.url, '/plain.css', { headers: { 'if-none-match': etag! } });
    expect(again.status).toBe(304);
    expect(again.body).toBe('');
  });

  it('renders a dynamic file again on every request (no 304)', async () => {
    const server = await serve(() => undefined, { root });
    const answer = await rawGet(server.url, '/page.pode', { headers: { 'if-none-match': '*' } });
    expect(answer.status).toBe(200);
    expect(answer.body).toBe('<p>42</p>');
  });

  it('answers 500 and logs when a dynamic file fails to render, and keeps serving', async () => {
    const { logger, lines } = memoryLogger();
    const server = await serve(() => undefined, { root, logger });
    const broken = await fetch(`${server.url}/broken.pode`);
    expect(broken.status).toBe(500);
    expect(await broken.text()).not.toContain('Frobnicate');
    expect(lines.some((line) => line.level >= 50)).toBe(true);
    const next = await fetch(`${server.url}/page.pode`);
    expect(await next.text()).toBe('<p>42</p>');
  });

  it('treats a folder whose name ends in .pode as a folder (its default file)', async () => {
    const server = await serve(() => undefined, { root });
    const response = await fetch(`${server.url}/folder.pode`);
    expect(await response.text()).toBe('<p>a folder named folder.pode</p>');
  });

  it('answers 404 for a missing .pode file', async () => {
    const server = await serve(() => undefined, { root });
    expect((await fetch(`${server.url}/missing.pode`)).status).toBe(404);
  });

  it('refuses paths that leave the folder, as for any file', async () => {
    const server = await serve(() => undefined, { root });
    for (const path of ['/../secret.pode', '/%2e%2e/secret.pode', '/..%5csecret.pode']) {
      const answer = await rawGet(server.url, path);
      expect(answer.status, path).toBe(404);
      expect(answer.body, path).not.toContain('SECRET');
    }
  });
});

describe('dynamic files and the view engine', () => {
  it("sends the html engine's own extension as it is", async () => {
    const server = await serve(() => undefined, { root });
    const response = await fetch(`${server.url}/raw.html`);
    expect(await response.text()).toBe('<p>$(2 * 21)</p>');
    expect(response.headers.get('etag')).not.toBeNull();
  });

  it("renders a dynamic engine's own extension: eps", async () => {
    const server = await serve((s) => s.setViewEngine({ type: 'eps' }), { root });
    const response = await fetch(`${server.url}/tpl.eps`);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('<b>42</b>');
    // Other engines' files are not rendered.
    expect(await (await fetch(`${server.url}/tpl.tmpl`)).text()).toBe('custom template');
  });

  it("renders a dynamic engine's own extension: pshtml (ps1)", async () => {
    const server = await serve((s) => s.setViewEngine({ type: 'pshtml', extension: 'ps1' }), {
      root,
    });
    const response = await fetch(`${server.url}/tpl.ps1`);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('<div>pshtml ok</div>');
  });

  it('renders the extension of a custom engine with its render function, .pode with Pode', async () => {
    const seen: string[] = [];
    const server = await serve(
      (s) =>
        s.setViewEngine({
          type: 'tmpl',
          render: (path) => {
            seen.push(path);
            return `rendered ${path.endsWith('tpl.tmpl')}`;
          },
        }),
      { root },
    );
    expect(await (await fetch(`${server.url}/tpl.tmpl`)).text()).toBe('rendered true');
    expect(await (await fetch(`${server.url}/page.pode`)).text()).toBe('<p>42</p>');
    expect(seen).toHaveLength(1);
  });

  it('does not render the extension of the md engine', async () => {
    const site = makeSite({ 'public/notes.md': '# $(1 + 1)' });
    const server = await serve((s) => s.setViewEngine({ type: 'md' }), { root: site });
    expect(await (await fetch(`${server.url}/notes.md`)).text()).toBe('# $(1 + 1)');
  });
});

describe('dynamic files in static routes', () => {
  it('renders a .pode file with the type of its inner extension, and HEAD', async () => {
    const server = await serve((s) => s.addStaticRoute('/assets', './assets'), { root });
    const response = await fetch(`${server.url}/assets/report.txt.pode`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(await response.text()).toBe('total: 42');
    const head = await rawGet(server.url, '/assets/report.txt.pode', { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.body).toBe('');
    const js = await fetch(`${server.url}/assets/app.js`);
    expect(js.headers.get('etag')).not.toBeNull();
  });

  it('renders a .pode default file of a folder', async () => {
    const server = await serve(
      (s) => s.addStaticRoute('/assets', './assets', { defaults: ['index.pode'] }),
      { root },
    );
    const response = await fetch(`${server.url}/assets/home`);
    expect(await response.text()).toBe('<h1>HOME</h1>');
  });

  it('gives no cache headers to a rendered file of a caching route', async () => {
    const server = await serve((s) => s.addStaticRoute('/assets', './assets', { cache: true }), {
      root,
    });
    const rendered = await fetch(`${server.url}/assets/report.txt.pode`);
    expect(rendered.headers.get('cache-control')).toBeNull();
    const file = await fetch(`${server.url}/assets/app.js`);
    expect(file.headers.get('cache-control')).toBe('max-age=3600, must-revalidate');
  });

  it('sends a .pode file of a downloadOnly route as it is, as an attachment', async () => {
    const server = await serve(
      (s) => s.addStaticRoute('/assets', './assets', { downloadOnly: true }),
      { root },
    );
    const response = await fetch(`${server.url}/assets/report.txt.pode`);
    expect(response.headers.get('content-disposition')).toBe(
      'attachment; filename="report.txt.pode"',
    );
    expect(await response.text()).toBe('total: $(40 + 2)');
  });

  it('refuses a .pode symlink leading out of the folder, and logs it', async () => {
    const { logger, lines } = memoryLogger();
    const server = await serve((s) => s.addStaticRoute('/assets', './assets'), { root, logger });
    const answer = await rawGet(server.url, '/assets/escape.pode');
    expect(answer.status).toBe(404);
    expect(answer.body).not.toContain('SECRET');
    expect(lines.some((line) => line.msg?.includes('outside its folder'))).toBe(true);
  });
});
