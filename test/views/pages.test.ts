import { describe, expect, it } from 'vitest';
import { htmlTable } from '../../src/views/pages.js';
import { serve, setupFailure } from '../helpers.js';
import { makeSite } from '../static/fixtures.js';

const root = makeSite({
  'views/simple.eta': '<h1>Hello <%= it.name %></h1>',
  'views/flash.eta': '<p><%= JSON.stringify(it.flash) %></p>',
  'pages/about.html': '<p>about us</p>',
});

describe('s.addPage (Add-PodePage)', () => {
  it('serves a view, a file and a function at /<name>, under path when given', async () => {
    const server = await serve(
      (s) => {
        s.setViewEngine({ type: 'eta' });
        s.addPage({ name: 'Index', view: 'simple', data: { name: 'pages' } });
        s.addPage({ name: 'About', filePath: '.\\pages\\about.html', path: '/site/' });
        s.addPage({ name: 'Numbers' }, () => [
          { Name: 'one', Value: 1 },
          { Name: '<two>', Value: 2 },
        ]);
        s.addPage(
          { name: 'Text', data: { who: 'you' } },
          (_e, data) => `<b>hi ${String(data?.who)}</b>`,
        );
        s.addPage({ name: 'Empty' }, () => undefined);
      },
      { root },
    );
    const index = await fetch(new URL('/Index', server.url));
    expect(index.status).toBe(200);
    expect(await index.text()).toBe('<h1>Hello pages</h1>');
    const about = await fetch(new URL('/site/About', server.url));
    expect(about.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await about.text()).toBe('<p>about us</p>');
    const numbers = await fetch(new URL('/Numbers', server.url));
    const table = await numbers.text();
    expect(numbers.headers.get('content-type')).toMatch(/^text\/html/);
    expect(table).toContain('<tr><th>Name</th><th>Value</th></tr>');
    expect(table).toContain('<tr><td>&lt;two&gt;</td><td>2</td></tr>');
    expect(await (await fetch(new URL('/Text', server.url))).text()).toBe('<b>hi you</b>');
    const empty = await fetch(new URL('/Empty', server.url));
    expect(empty.status).toBe(200);
    expect(await empty.text()).toBe('');
    const post = await fetch(new URL('/Index', server.url), { method: 'POST' });
    expect(post.status).toBe(405);
  });

  it('answers 500 when the function throws, and keeps running', async () => {
    const server = await serve((s) => {
      s.addPage({ name: 'Broken' }, () => {
        throw new Error('boom');
      });
      s.addPage({ name: 'Fine' }, () => 'fine');
    });
    expect((await fetch(new URL('/Broken', server.url))).status).toBe(500);
    expect(await (await fetch(new URL('/Fine', server.url))).text()).toBe('fine');
  });

  it('refuses bad names, no or two sources, a missing file and unknown keys at set-up', async () => {
    const cases: ((s: import('../../src/index.js').ServerBuilder) => unknown)[] = [
      (s) => s.addPage({ name: 'a/b', view: 'x' }),
      (s) => s.addPage({ name: 'none' }),
      (s) => s.addPage({ name: 'two', view: 'x' }, () => 'y'),
      (s) => s.addPage({ name: 'gone', filePath: './pages/missing.html' }),
      (s) => s.addPage({ name: 'flash', filePath: './pages/about.html', flashMessages: true }),
      (s) => s.addPage({ name: 'odd', view: 'x', colour: 'red' } as never),
    ];
    for (const setup of cases) {
      const error = (await setupFailure(setup, { root })) as { code: string; message: string };
      expect(error.code).toMatch(/^PODE_ERR_/);
      expect(error.message.length).toBeGreaterThan(10);
    }
  });

  it('writes a list of plain values as a one-column table', () => {
    expect(htmlTable([1, 'a&b'])).toContain('<tr><td>1</td></tr><tr><td>a&amp;b</td></tr>');
  });
});
