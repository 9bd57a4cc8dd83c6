import { utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { memoryLogger, serve, setupFailure } from '../helpers.js';
import { makeSite, rawGet } from '../static/fixtures.js';

// EPS templates of the PowerShell module EPS, rendered through the converter.
const root = makeSite({
  'secret.eps': 'TOP SECRET <%= 1 + 1 %>',
  'views/index.eps': [
    '<title><%= $Title %></title>',
    '<ul>',
    '  <% foreach ($i in $numbers) { -%>',
    '  <li><%= $i * 2 %></li>',
    '  <% } -%>',
    '</ul>',
    '<p><%= $numbers %>|<%= $none %>|<%= "a" + \'b\' %>|<%# a comment %>|<%% literal %%>|<%= $pagename %></p>',
    '<% $x = 5 %><% $x %><b><%= $x %></b>',
    '  <%- if ($numbers.Count -gt 2) { %>many<% } else { %>few<% } %>',
  ].join('\n'),
  'views/escape.eps':
    "<p><%= $html %></p><p><%= $html.Replace('&', '&amp;').Replace('<', '&lt;') %></p>",
  'views/bad.eps': '<h1>ok</h1>\n<p>\n  <%= $x.Frobnicate() %>\n</p>',
  'views/syntax.eps': '<p>ok</p>\n<% if ($a) { %>\n<p>',
  'views/plain.eps': 'no tags at all, $(not code) "quoted"',
});

describe("the 'eps' engine", () => {
  it('renders EPS tags as EPS does: expressions, code, comments, literals, whitespace trimming', async () => {
    const server = await serve(
      (s) => {
        s.setViewEngine({ type: 'eps' });
        s.addRoute('GET', '/', (e) => e.writeView('index', { title: 'Home', Numbers: [1, 2, 3] }));
        s.addRoute('GET', '/plain', (e) => e.writeView('plain'));
      },
      { root },
    );
    const response = await fetch(server.url);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await response.text()).toBe(
      [
        '<title>Home</title>',
        '<ul>',
        '    <li>2</li>',
        '    <li>4</li>',
        '    <li>6</li>',
        // only `<%-` trims the spaces before a tag: those before `<% } -%>` stay, as in EPS
        '  </ul>',
        '<p>1 2 3||ab||<% literal %>|index</p>',
        '<b>5</b>',
        'many',
      ].join('\n'),
    );
    expect(await (await fetch(`${server.url}/plain`)).text()).toBe(
      'no tags at all, $(not code) "quoted"',
    );
  });

  it('does not escape <%= %> (as EPS); the template escapes itself', async () => {
    const server = await serve(
      (s) => {
        s.setViewEngine({ type: 'eps' });
        s.addRoute('GET', '/', (e) => e.writeView('escape', { html: '<b>"x" & y</b>' }));
      },
      { root },
    );
    expect(await (await fetch(server.url)).text()).toBe(
      '<p><b>"x" & y</b></p><p>&lt;b>"x" &amp; y&lt;/b></p>',
    );
  });

  it('answers 500 for code the converter cannot translate or that does not parse, logging file:line:col, and keeps serving', async () => {
    const { logger, lines } = memoryLogger();
    const server = await serve(
      (s) => {
        s.setViewEngine({ type: 'eps' });
        s.addRoute('GET', '/:view', (e) => e.writeView(e.parameters.view, { x: 1 }));
      },
      { root, logger },
    );
    for (let i = 0; i < 2; i++) {
      const response = await fetch(`${server.url}/bad`);
      expect(response.status).toBe(500);
      expect(await response.text()).not.toContain('Frobnicate');
    }
    const failed = () => lines.filter((line) => line.msg === 'request failed');
    expect(failed()).toHaveLength(2);
    expect(failed()[0].err?.message).toMatch(
      /views[\\/]bad\.eps:3:6: the EPS view cannot be rendered: not translated: .*Frobnicate/,
    );
    expect((await fetch(`${server.url}/syntax`)).status).toBe(500);
    expect(failed()[2].err?.message).toMatch(
      /views[\\/]syntax\.eps:\d+:\d+: .*not valid PowerShell/,
    );
    const ok = await fetch(`${server.url}/plain`);
    expect(ok.status).toBe(200);
  });

  it('compiles a template once, and again after it changes when the engine watches', async () => {
    const site = makeSite({ 'views/page.eps': '<p>one <%= $n %></p>' });
    const cached = await serve(
      (s) => {
        s.setViewEngine({ type: 'eps' });
        s.addRoute('GET', '/', (e) => e.writeView('page', { n: 1 }));
      },
      { root: site },
    );
    const watched = await serve(
      (s) => {
        s.setViewEngine({ type: 'eps', watch: true });
        s.addRoute('GET', '/', (e) => e.writeView('page', { n: 2 }));
      },
      { root: site },
    );
    expect(await (await fetch(cached.url)).text()).toBe('<p>one 1</p>');
    expect(await (await fetch(watched.url)).text()).toBe('<p>one 2</p>');
    writeFileSync(join(site, 'views/page.eps'), '<p>two <%= $n * 10 %></p>');
    const later = new Date(Date.now() + 5000);
    utimesSync(join(site, 'views/page.eps'), later, later);
    expect(await (await fetch(cached.url)).text()).toBe('<p>one 1</p>');
    expect(await (await fetch(watched.url)).text()).toBe('<p>two 20</p>');
  });

  it('refuses view paths that leave the views folder', async () => {
    const server = await serve(
      (s) => {
        s.setViewEngine({ type: 'eps' });
        s.addRoute('GET', '/view', (e) => e.writeView(e.query.page));
      },
      { root },
    );
    for (const path of [
      '/view?page=../secret',
      '/view?page=../secret.eps',
      '/view?page=..%2Fsecret',
      '/view?page=%2e%2e/secret.eps',
    ]) {
      const response = await rawGet(server.url, path);
      expect(response.status, path).toBe(404);
      expect(response.body, path).not.toContain('TOP SECRET');
    }
  });

  it('is a type setViewEngine knows', async () => {
    const failure = await setupFailure((s) => s.setViewEngine({ type: 'epss' }));
    expect(String(failure)).toMatch(/no 'epss' view engine/);
    expect(JSON.stringify(failure, Object.getOwnPropertyNames(failure))).toContain("'eps'");
  });
});
