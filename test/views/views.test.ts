import { utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { addFlashMessage, usePartialView, writeViewResponse } from '../../src/index.js';
import { Client, memoryLogger, serve, setupFailure } from '../helpers.js';
import { link, makeSite, rawGet } from '../static/fixtures.js';

const root = makeSite({
  'secret.txt': 'TOP SECRET',
  'secret.html': '<p>TOP SECRET</p>',
  'views/index.html': '<h1>Hello $($data.name)</h1>',
  'views/sub/page.html': '<p>sub page</p>',
  'views/layout.eta': '<html><title><%= it.title %></title><body><%~ it.body %></body></html>',
  'views/home.eta':
    "<% layout('./layout', { title: it.title }) %><h1><%= it.name %></h1><%~ include('./partials/list', { items: it.items }) %><p><%= it.pagename %></p>",
  'views/partials/list.eta':
    '<ul><% it.items.forEach(function (item) { %><li><%= item %></li><% }) %></ul>',
  'views/flash.eta': '<p><%= JSON.stringify(it.flash) %></p>',
  'views/escape-out.eta': "<%~ include('../secret.html') %>",
  'views/plain.tpl': 'custom $name',
  'templates/other.html': '<p>other folder</p>',
  'extra/named.html': '<p>named folder</p>',
});
link(root, 'views/linked-out.html', join(root, 'secret.html'));

describe("the 'html' engine (the default)", () => {
  it('sends the view file as it is, as HTML, with the extension optional', async () => {
    const server = await serve(
      (s) => s.addRoute('GET', '/:page', (e) => e.writeView(e.parameters.page, { name: 'Rick' })),
      { root },
    );
    for (const page of ['index', 'index.html']) {
      const response = await fetch(`${server.url}/${page}`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
      // Pode's html engine does not expand $(…): the file is sent as written.
      expect(await response.text()).toBe('<h1>Hello $($data.name)</h1>');
    }
  });

  it('finds views in sub-folders and takes a status', async () => {
    const server = await serve(
      (s) => s.addRoute('GET', '/', (e) => e.writeView('sub/page', {}, { status: 418 })),
      { root },
    );
    const response = await fetch(server.url);
    expect(response.status).toBe(418);
    expect(await response.text()).toBe('<p>sub page</p>');
  });

  it('answers a missing view with 404 and logs it', async () => {
    const { logger, lines } = memoryLogger();
    const server = await serve((s) => s.addRoute('GET', '/', (e) => e.writeView('nope')), {
      root,
      logger,
    });
    expect((await fetch(server.url)).status).toBe(404);
    expect(
      lines.some((line) => line.msg === 'view not rendered: no such view' && line.view === 'nope'),
    ).toBe(true);
  });

  it('serves cached content until watch is on', async () => {
    const site = makeSite({ 'views/live.html': 'one' });
    const cached = await serve((s) => s.addRoute('GET', '/', (e) => e.writeView('live')), {
      root: site,
    });
    const watching = await serve(
      (s) => {
        s.setViewEngine({ type: 'html', watch: true });
        s.addRoute('GET', '/', (e) => e.writeView('live'));
      },
      { root: site },
    );
    expect(await (await fetch(cached.url)).text()).toBe('one');
    expect(await (await fetch(watching.url)).text()).toBe('one');
    writeFileSync(join(site, 'views/live.html'), 'two');
    expect(await (await fetch(cached.url)).text()).toBe('one');
    expect(await (await fetch(watching.url)).text()).toBe('two');
  });
});

describe('view paths that leave the views folder', () => {
  it('are refused with 404 and a warning, whatever their spelling', async () => {
    const { logger, lines } = memoryLogger();
    const server = await serve(
      (s) => {
        s.addRoute('GET', '/view', (e) => e.writeView(e.query.page));
        s.addRoute('GET', '/param/*', (e) => e.writeView(e.parameters['*']));
      },
      { root, logger },
    );
    const attempts = [
      '/view?page=../secret.html',
      '/view?page=../secret',
      '/view?page=..%2Fsecret.html',
      '/view?page=..%5Csecret.html',
      '/view?page=sub/../../secret.html',
      '/view?page=%2e%2e/secret.html',
      '/view?page=%252e%252e%252fsecret.html',
      '/view?page=/etc/passwd',
      '/view?page=../secret.html%00',
      '/view?page=linked-out',
      '/param/..%2fsecret.html',
      '/param/%2e%2e%2fsecret.html',
      '/param/sub/..%5c..%5csecret.html',
      '/param/%252e%252e/secret.html',
    ];
    for (const path of attempts) {
      const response = await rawGet(server.url, path);
      expect(response.body, path).not.toContain('TOP SECRET');
      expect(response.status, path).toBe(404);
    }
    const refused = lines.filter(
      (line) => line.level === 40 && line.msg?.startsWith('view not rendered'),
    );
    expect(refused.length).toBe(attempts.length);
    expect(refused.some((line) => line.msg?.includes('leaves the views folder'))).toBe(true);
    expect(refused.some((line) => line.msg?.includes('leads outside the views folder'))).toBe(true);
  });

  it("are refused inside Eta's include() too", async () => {
    const server = await serve(
      (s) => {
        s.setViewEngine({ type: 'eta' });
        s.addRoute('GET', '/', (e) => e.writeView('escape-out'));
      },
      { root },
    );
    const response = await fetch(server.url);
    expect(response.status).toBe(500);
    expect(await response.text()).not.toContain('TOP SECRET');
  });
});

describe("the 'eta' engine", () => {
  it('renders a layout, a partial and escaped data, with pagename', async () => {
    const server = await serve(
      (s) => {
        s.setViewEngine({ type: 'eta' });
        s.addRoute('GET', '/', (e) =>
          e.writeView('home', { title: 'Home', name: '<script>x</script>', items: ['a', 'b&c'] }),
        );
      },
      { root },
    );
    const response = await fetch(server.url);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await response.text()).toBe(
      '<html><title>Home</title><body><h1>&lt;script&gt;x&lt;/script&gt;</h1><ul><li>a</li><li>b&amp;c</li></ul><p>home</p></body></html>',
    );
  });

  it("passes the session's flash messages with flashMessages, read once", async () => {
    const server = await serve(
      (s) => {
        s.enableSessionMiddleware({ secret: 'a-long-enough-secret-for-the-tests-0123' });
        s.setViewEngine({ type: 'eta' });
        s.addRoute('POST', '/', (e) => {
          addFlashMessage('info', 'saved');
          e.redirect('/');
        });
        s.addRoute('GET', '/', (e) => e.writeView('flash', {}, { flashMessages: true }));
        s.addRoute('GET', '/none', (e) => e.writeView('flash'));
      },
      { root },
    );
    const client = new Client(server.url);
    await client.fetch('/', { method: 'POST' });
    expect(await (await client.fetch('/')).text()).toBe(
      '<p>{&quot;info&quot;:[&quot;saved&quot;]}</p>',
    );
    expect(await (await client.fetch('/')).text()).toBe('<p>{}</p>');
    expect(await (await client.fetch('/none')).text()).toBe('<p>{}</p>');
  });

  it('re-reads a changed template with watch, and keeps the compiled one without', async () => {
    const site = makeSite({ 'views/t.eta': 'one <%= it.n %>' });
    const cached = await serve(
      (s) => {
        s.setViewEngine({ type: 'eta' });
        s.addRoute('GET', '/', (e) => e.writeView('t', { n: 1 }));
      },
      { root: site },
    );
    const watching = await serve(
      (s) => {
        s.setViewEngine({ type: 'eta', watch: true });
        s.addRoute('GET', '/', (e) => e.writeView('t', { n: 1 }));
      },
      { root: site },
    );
    expect(await (await fetch(cached.url)).text()).toBe('one 1');
    expect(await (await fetch(watching.url)).text()).toBe('one 1');
    writeFileSync(join(site, 'views/t.eta'), 'two <%= it.n %>');
    expect(await (await fetch(cached.url)).text()).toBe('one 1');
    expect(await (await fetch(watching.url)).text()).toBe('two 1');
  });

  it('uses another extension for Eta files when given one', async () => {
    const site = makeSite({ 'views/page.html': '<b><%= it.x %></b>' });
    const server = await serve(
      (s) => {
        s.setViewEngine({ type: 'eta', extension: 'html' });
        s.addRoute('GET', '/', (e) => e.writeView('page', { x: 'y' }));
      },
      { root: site },
    );
    expect(await (await fetch(server.url)).text()).toBe('<b>y</b>');
  });
});

describe('a render function for any other engine', () => {
  it('gets the absolute path and the data, and may be async', async () => {
    const calls: string[] = [];
    const server = await serve(
      (s) => {
        s.setViewEngine({
          type: 'tpl',
          render: async (path, data) => {
            calls.push(path);
            const { readFile } = await import('node:fs/promises');
            return (await readFile(path, 'utf8')).replace('$name', String(data.name));
          },
        });
        s.addRoute('GET', '/', (e) => e.writeView('plain', { name: 'Summer' }));
      },
      { root },
    );
    expect(await (await fetch(server.url)).text()).toBe('custom Summer');
    expect(calls).toEqual([join(root, 'views', 'plain.tpl')]);
  });

  it('renders partial views for the view that asks (usePartialView)', async () => {
    const server = await serve(
      (s) => {
        s.setViewEngine({
          type: 'tpl',
          render: async (_path, data) =>
            `<main>${await usePartialView('sub/page.html')}${String(data.name)}</main>`,
        });
        s.addRoute('GET', '/', () => writeViewResponse('plain', { name: '!' }));
      },
      { root },
    );
    expect(await (await fetch(server.url)).text()).toBe('<main><p>sub page</p>!</main>');
  });
});

describe("the 'pode' engine", () => {
  const pode = makeSite({
    'views/index.pode': [
      '<title>$($data.Title)</title>',
      '<ul>$(foreach ($i in $data.numbers) {',
      '    "<li>$i</li>"',
      '})</ul>',
      "$(if ($data.flash['error']) { \"<p class='error'>$($data.flash['error'])</p>\" })",
      '<p>$($data.pagename) `$(not code) "quoted" $(1 + 2) [$($data.numbers)] [$($data.none)]</p>',
      "$(Use-PodePartialView -Path 'shared/footer' -Data @{ Year = 2024 })",
    ].join('\n'),
    'views/shared/footer.pode': '<footer>$($data.year)</footer>',
    'views/empty.pode': '<p>[$($data -eq $null)]</p>',
    'views/bad.pode': '<h1>ok</h1>\n<p>\n  $($data.x.Frobnicate())\n</p>',
    'views/unclosed.pode': '<p>$($data.x</p>',
    'views/syntax.pode': '<p>ok</p>\n<p>$(1 + )</p>',
    'views/changing.pode': '<p>one $($data.n)</p>',
  });

  it('renders sub-expressions, loops and partials as Pode does (output joined with spaces, keys in any case)', async () => {
    const server = await serve(
      (s) => {
        s.setViewEngine({ type: 'pode' });
        s.addRoute('GET', '/', (e) => e.writeView('index', { title: 'Home', Numbers: [1, 2, 3] }));
      },
      { root: pode },
    );
    const response = await fetch(server.url);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await response.text()).toBe(
      [
        '<title>Home</title>',
        '<ul><li>1</li> <li>2</li> <li>3</li></ul>',
        '',
        '<p>index $(not code) "quoted" 3 [1 2 3] []</p>',
        '<footer>2024</footer>',
      ].join('\n'),
    );
  });

  it('passes flash messages, and $null as $data when there is no data', async () => {
    const server = await serve(
      (s) => {
        s.setViewEngine({ type: 'pode' });
        s.addRoute('GET', '/flash', (e) =>
          e.writeView('index', { numbers: [], flash: { error: 'Bad <login>' } }),
        );
        s.addRoute('GET', '/empty', async (e) => {
          e.writeHtml(await e.usePartialView('empty'));
        });
      },
      { root: pode },
    );
    const body = await (await fetch(`${server.url}/flash`)).text();
    expect(body).toContain("<ul></ul>\n<p class='error'>Bad <login></p>");
    expect(await (await fetch(`${server.url}/empty`)).text()).toBe('<p>[True]</p>');
  });

  it('answers 500 for a sub-expression the converter cannot translate, logging file:line:col, and keeps serving', async () => {
    const { logger, lines } = memoryLogger();
    const server = await serve(
      (s) => {
        s.setViewEngine({ type: 'pode' });
        s.addRoute('GET', '/:view', (e) => e.writeView(e.parameters.view, { x: 1 }));
      },
      { root: pode, logger },
    );
    for (let i = 0; i < 2; i++) {
      const response = await fetch(`${server.url}/bad`);
      expect(response.status).toBe(500);
      expect(await response.text()).not.toContain('Frobnicate');
    }
    const logged = lines.filter((line) => line.msg === 'request failed');
    expect(logged).toHaveLength(2);
    expect(logged[0].err?.message).toMatch(
      /views[\\/]bad\.pode:3:3: the \.pode view cannot be rendered: not translated: .*Frobnicate/,
    );
    expect((await fetch(`${server.url}/syntax`)).status).toBe(500);
    const syntax = lines.filter((line) => line.msg === 'request failed')[2];
    expect(syntax.err?.message).toMatch(
      /views[\\/]syntax\.pode:2:4: .*a sub-expression that is not valid PowerShell/,
    );
    const unclosed = await fetch(`${server.url}/unclosed`);
    expect(unclosed.status).toBe(200);
    expect(await unclosed.text()).toBe('<p>$($data.x</p>');
    expect((await fetch(`${server.url}/index`)).status).toBe(200);
  });

  it('compiles a view once, and again after it changes when the engine watches', async () => {
    const site = makeSite({ 'views/page.pode': '<p>one $($data.n)</p>' });
    const cached = await serve(
      (s) => {
        s.setViewEngine({ type: 'pode' });
        s.addRoute('GET', '/', (e) => e.writeView('page', { n: 1 }));
      },
      { root: site },
    );
    const watched = await serve(
      (s) => {
        s.setViewEngine({ type: 'pode', watch: true });
        s.addRoute('GET', '/', (e) => e.writeView('page', { n: 2 }));
      },
      { root: site },
    );
    expect(await (await fetch(cached.url)).text()).toBe('<p>one 1</p>');
    expect(await (await fetch(watched.url)).text()).toBe('<p>one 2</p>');
    writeFileSync(join(site, 'views/page.pode'), '<p>two $($data.n * 10)</p>');
    const later = new Date(Date.now() + 5000);
    utimesSync(join(site, 'views/page.pode'), later, later);
    expect(await (await fetch(cached.url)).text()).toBe('<p>one 1</p>');
    expect(await (await fetch(watched.url)).text()).toBe('<p>two 20</p>');
  });

  it('renders a .pode view under another engine by its extension', async () => {
    const server = await serve(
      (s) => s.addRoute('GET', '/', (e) => e.writeView('shared/footer.pode', { year: 1999 })),
      { root: pode },
    );
    expect(await (await fetch(server.url)).text()).toBe('<footer>1999</footer>');
  });
});

describe('view folders', () => {
  it('moves the views folder with setDefaultFolder, and adds named folders', async () => {
    const server = await serve(
      (s) => {
        s.setDefaultFolder('views', './templates');
        s.addViewFolder('extra', './extra');
        s.addRoute('GET', '/', (e) => e.writeView('other'));
        s.addRoute('GET', '/named', (e) => e.writeView('named', {}, { folder: 'extra' }));
      },
      { root },
    );
    expect(await (await fetch(server.url)).text()).toBe('<p>other folder</p>');
    expect(await (await fetch(`${server.url}/named`)).text()).toBe('<p>named folder</p>');
  });

  it('throws at start-up for a folder that does not exist, a name used twice, or an unknown engine', async () => {
    const missing = (await setupFailure((s) => s.setDefaultFolder('views', './none'), {
      root,
    })) as { code: string; message: string };
    expect(missing.code).toBe('PODE_ERR_BAD_OPTION');
    expect(missing.message).toContain('does not exist');
    const twice = (await setupFailure(
      (s) => {
        s.addViewFolder('x', './extra');
        s.addViewFolder('x', './templates');
      },
      { root },
    )) as { message: string };
    expect(twice.message).toBe('The Views folder name already exists: x');
    const unknown = (await setupFailure((s) => s.setViewEngine({ type: 'mustache' }), {
      root,
    })) as { code: string; message: string };
    expect(unknown.message).toContain("no 'mustache' view engine");
  });

  it('answers 404 when there is no views folder at all', async () => {
    const site = makeSite({ 'x.txt': 'x' });
    const server = await serve((s) => s.addRoute('GET', '/', (e) => e.writeView('index')), {
      root: site,
    });
    expect((await fetch(server.url)).status).toBe(404);
  });
});
