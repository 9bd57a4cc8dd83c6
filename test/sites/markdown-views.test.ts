/**
 * Pode's Markdown views (`Set-PodeViewEngine -Type Markdown`): `.md` views rendered to HTML by
 * `e.writeView`, chosen by extension under any engine, cached unless watching; `e.writeFile` of a
 * `.md` file sends it as Markdown (Pode does not count `md` as a dynamic engine).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { serve } from '../helpers.js';
import { makeSite } from '../static/fixtures.js';

const root = makeSite({
  'views/readme.md':
    '# Hello\n\nSome *text* and a [link](/about).\n\n| a | b |\n|---|---|\n| 1 | 2 |\n',
  'views/page.html': '<p>html view</p>',
  'notes.md': '# Notes\n',
});

describe('Markdown views', () => {
  it("renders .md views to HTML with setViewEngine({ type: 'markdown' }), the extension optional", async () => {
    const server = await serve(
      (s) => {
        s.setViewEngine({ type: 'Markdown' });
        s.addRoute('GET', '/readme', (e) => e.writeView('readme'));
        s.addRoute('GET', '/page', (e) => e.writeView('page.html'));
        s.addRoute('GET', '/missing', (e) => e.writeView('nothing'));
        s.addRoute('GET', '/file', (e) => e.writeFile('notes.md'));
      },
      { root },
    );
    const readme = await fetch(`${server.url}/readme`);
    expect(readme.status).toBe(200);
    expect(readme.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const html = await readme.text();
    expect(html).toContain('<h1>Hello</h1>');
    expect(html).toContain('<em>text</em>');
    expect(html).toContain('<a href="/about">link</a>');
    expect(html).toContain('<td>1</td>');
    expect(await (await fetch(`${server.url}/page`)).text()).toBe('<p>html view</p>');
    expect((await fetch(`${server.url}/missing`)).status).toBe(404);
    const file = await fetch(`${server.url}/file`);
    expect(file.headers.get('content-type')).toBe('text/markdown; charset=utf-8');
    expect(await file.text()).toBe('# Notes\n');
  });

  it('renders an .md view named with its extension under another engine, and caches it unless watching', async () => {
    const site = makeSite({ 'views/doc.md': '# One\n' });
    const cached = await serve(
      (s) => {
        s.setViewEngine({ type: 'eta' });
        s.addRoute('GET', '/doc', (e) => e.writeView('doc.md'));
      },
      { root: site },
    );
    const watched = await serve(
      (s) => {
        s.setViewEngine({ type: 'md', watch: true });
        s.addRoute('GET', '/doc', (e) => e.writeView('doc'));
      },
      { root: site },
    );
    expect(await (await fetch(`${cached.url}/doc`)).text()).toBe('<h1>One</h1>\n');
    expect(await (await fetch(`${watched.url}/doc`)).text()).toBe('<h1>One</h1>\n');
    writeFileSync(join(site, 'views/doc.md'), '# Two\n');
    expect(await (await fetch(`${cached.url}/doc`)).text()).toBe('<h1>One</h1>\n');
    expect(await (await fetch(`${watched.url}/doc`)).text()).toBe('<h1>Two</h1>\n');
  });
});
