import { describe, expect, it } from 'vitest';
import { memoryLogger, serve } from '../helpers.js';
import { makeSite, rawGet } from '../static/fixtures.js';

// PSHTML view scripts (the PowerShell module PSHTML's tag functions), run through the converter.
const root = makeSite({
  'secret.ps1': "param($data)\n'TOP SECRET'",
  'views/index.ps1': [
    'param($data)',
    '',
    'return html {',
    '    head {',
    "        title 'Crew'",
    "        link -href '/styles/site.css' -rel 'stylesheet'",
    "        script 'scripts/site.js'",
    '    }',
    "    body -Class 'page' {",
    '        h1 -Id \'top\' { "Crew of $($data.Ship)" }',
    "        ul -Attributes @{ 'data-count' = $data.members.Count } {",
    '            foreach ($m in $data.members) {',
    '                li { $m.ToUpper() }',
    '            }',
    '        }',
    '        p $data.note',
    "        img 'logo.png' -alt 'Logo'",
    "        input -type 'checkbox' -checked",
    '        div { }',
    '    }',
    '}',
  ].join('\n'),
  'views/loose.ps1': "param($data)\np 'one'\n'two'\n$x = 3\nh2 { $x }",
  'views/nodata.ps1': 'param($data)\np "[$($null -eq $data)]"',
  'views/bad.ps1': 'param($data)\nhtml {\n  body {\n    $data.x.Frobnicate()\n  }\n}',
  'views/syntax.ps1': "param($data)\nhtml { body { p 'x' }",
});

describe("the 'pshtml' engine", () => {
  it('renders PSHTML tags with their attributes and content, loops and data, nothing escaped (as PSHTML)', async () => {
    const server = await serve(
      (s) => {
        s.setViewEngine({ type: 'pshtml', extension: 'ps1' });
        s.addRoute('GET', '/', (e) =>
          e.writeView('index', {
            ship: 'Planet Express',
            Members: ['Fry', 'Leela'],
            note: '<em>raw</em>',
          }),
        );
      },
      { root },
    );
    const response = await fetch(server.url);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await response.text()).toBe(
      '<html><head><title>Crew</title> <link href="/styles/site.css" rel="stylesheet" />' +
        ' <script src="scripts/site.js"></script></head>' +
        ' <body class="page"><h1 id="top">Crew of Planet Express</h1>' +
        ' <ul data-count="2"><li>FRY</li> <li>LEELA</li></ul>' +
        ' <p><em>raw</em></p> <img alt="Logo" src="logo.png" /> <input type="checkbox" checked />' +
        ' <div></div></body></html>',
    );
    // (named parameters are bound before positional ones: PSHTML writes -alt before the src)
  });

  it("joins a script's whole output with spaces, as Pode's [string](. $path $data); $data is $null without data", async () => {
    const server = await serve(
      (s) => {
        s.setViewEngine({ type: 'pshtml', extension: 'ps1' });
        s.addRoute('GET', '/loose', (e) => e.writeView('loose'));
        s.addRoute('GET', '/nodata', async (e) => e.writeHtml(await e.usePartialView('nodata')));
      },
      { root },
    );
    expect(await (await fetch(`${server.url}/loose`)).text()).toBe('<p>one</p> two <h2>3</h2>');
    expect(await (await fetch(`${server.url}/nodata`)).text()).toBe('<p>[True]</p>');
  });

  it('answers 500 for code the converter cannot translate or that does not parse, logging file:line:col, and keeps serving', async () => {
    const { logger, lines } = memoryLogger();
    const server = await serve(
      (s) => {
        s.setViewEngine({ type: 'pshtml', extension: 'ps1' });
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
      /views[\\/]bad\.ps1:4:5: the PSHTML view cannot be rendered: not translated: .*Frobnicate/,
    );
    expect((await fetch(`${server.url}/syntax`)).status).toBe(500);
    expect(failed()[2].err?.message).toMatch(
      /views[\\/]syntax\.ps1:\d+:\d+: .*not valid PowerShell/,
    );
    expect((await fetch(`${server.url}/loose`)).status).toBe(200);
  });

  it('refuses view paths that leave the views folder (the script there is never run)', async () => {
    const server = await serve(
      (s) => {
        s.setViewEngine({ type: 'pshtml', extension: 'ps1' });
        s.addRoute('GET', '/view', (e) => e.writeView(e.query.page));
      },
      { root },
    );
    for (const path of [
      '/view?page=../secret',
      '/view?page=..%2Fsecret.ps1',
      '/view?page=%2e%2e/secret',
    ]) {
      const response = await rawGet(server.url, path);
      expect(response.status, path).toBe(404);
      expect(response.body, path).not.toContain('TOP SECRET');
    }
  });
});
