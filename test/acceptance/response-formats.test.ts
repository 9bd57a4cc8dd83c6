import * as jsYaml from 'js-yaml';
import { describe, expect, it } from 'vitest';
import {
  writeCsvResponse,
  writeMarkdownResponse,
  writeXmlResponse,
  writeYamlResponse,
} from '../../src/index.js';
import { serve } from '../helpers.js';

const users = [{ Name: 'Rick' }, { Name: 'Don' }];
const squash = (text: string) => text.replace(/[\r\n ]/g, '');

describe('response formats', () => {
  it('writeXml writes an object as ConvertTo-Xml does, as application/xml', async () => {
    const server = await serve((s) => s.addRoute('GET', '/', (e) => e.writeXml({ name: 'john' })));
    const response = await fetch(server.url);
    expect(response.headers.get('content-type')).toBe('application/xml; charset=utf-8');
    // Pode's own unit test compares the same string with whitespace removed.
    expect(squash(await response.text())).toBe(
      '<?xmlversion="1.0"encoding="utf-8"?><Objects><Object><PropertyName="name">john</Property></Object></Objects>',
    );
  });

  it('writeXml writes an array as one Object per item, escapes text and passes a string through', async () => {
    const server = await serve((s) => {
      s.addRoute('GET', '/users', (e) => e.writeXml(users));
      s.addRoute('GET', '/escaped', (e) => e.writeXml({ note: '<b>&"' }));
      s.addRoute('GET', '/raw', (e) => e.writeXml('<root></root>', { statusCode: 201 }));
    });
    expect(squash(await (await fetch(`${server.url}/users`)).text())).toBe(
      '<?xmlversion="1.0"encoding="utf-8"?><Objects><Object><PropertyName="Name">Rick</Property></Object><Object><PropertyName="Name">Don</Property></Object></Objects>',
    );
    expect(await (await fetch(`${server.url}/escaped`)).text()).toContain(
      '<Property Name="note">&lt;b&gt;&amp;&quot;</Property>',
    );
    const raw = await fetch(`${server.url}/raw`);
    expect(raw.status).toBe(201);
    expect(await raw.text()).toBe('<root></root>');
  });

  it('writeXml nests objects and arrays as properties, and stops at depth', async () => {
    const value = { user: { name: 'Rick', tags: ['a', 'b'] } };
    const server = await serve((s) => {
      s.addRoute('GET', '/deep', (e) => e.writeXml(value));
      s.addRoute('GET', '/shallow', (e) => e.writeXml(value, { depth: 1 }));
    });
    expect(squash(await (await fetch(`${server.url}/deep`)).text())).toContain(
      '<PropertyName="user"><PropertyName="name">Rick</Property><PropertyName="tags"><Property>a</Property><Property>b</Property></Property></Property>',
    );
    expect(squash(await (await fetch(`${server.url}/shallow`)).text())).toContain(
      '<PropertyName="user"><PropertyName="name">Rick</Property><PropertyName="tags">a,b</Property></Property>',
    );
  });

  it('writeCsv writes objects as ConvertTo-Csv does, as text/csv', async () => {
    const server = await serve((s) => {
      s.addRoute('GET', '/one', (e) => e.writeCsv({ name: 'john' }));
      s.addRoute('GET', '/many', (e) => e.writeCsv(users));
      s.addRoute('GET', '/mixed', (e) =>
        e.writeCsv([
          { id: 1, note: 'say "hi", ok', active: true },
          { id: 2, note: null, extra: 'dropped' },
        ]),
      );
      s.addRoute('GET', '/raw', (e) => e.writeCsv('bob, 42'));
    });
    const one = await fetch(`${server.url}/one`);
    expect(one.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(await one.text()).toBe('"name"\n"john"');
    expect(await (await fetch(`${server.url}/many`)).text()).toBe('"Name"\n"Rick"\n"Don"');
    expect(await (await fetch(`${server.url}/mixed`)).text()).toBe(
      '"id","note","active"\n"1","say ""hi"", ok","true"\n"2","",""',
    );
    expect(await (await fetch(`${server.url}/raw`)).text()).toBe('bob, 42');
  });

  it('writeYaml writes YAML that reads back as the value, as application/yaml; nothing is []', async () => {
    const value = { name: 'Rick', tags: ['a', 'b'], address: { city: 'Earth C-137' } };
    const server = await serve((s) => {
      s.addRoute('GET', '/', (e) => e.writeYaml(value));
      s.addRoute('GET', '/empty', (e) => e.writeYaml(null));
      s.addRoute('GET', '/raw', (e) => e.writeYaml('name: "Rick"'));
      s.addRoute('GET', '/shallow', (e) => e.writeYaml(value, { depth: 0 }));
    });
    const response = await fetch(server.url);
    expect(response.headers.get('content-type')).toBe('application/yaml; charset=utf-8');
    expect(jsYaml.load(await response.text())).toEqual(value);
    expect(await (await fetch(`${server.url}/empty`)).text()).toBe('[]');
    expect(await (await fetch(`${server.url}/raw`)).text()).toBe('name: "Rick"');
    expect(jsYaml.load(await (await fetch(`${server.url}/shallow`)).text())).toEqual({
      name: 'Rick',
      tags: null,
      address: null,
    });
  });

  it('writeMarkdown sends text/markdown, or HTML with asHtml (raw HTML is not sanitised)', async () => {
    const markdown = '# Hello, world!\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n<em>kept</em>';
    const server = await serve((s) => {
      s.addRoute('GET', '/text', (e) => e.writeMarkdown(markdown));
      s.addRoute('GET', '/html', (e) => e.writeMarkdown(markdown, { asHtml: true }));
    });
    const text = await fetch(`${server.url}/text`);
    expect(text.headers.get('content-type')).toBe('text/markdown; charset=utf-8');
    expect(await text.text()).toBe(markdown);
    const html = await fetch(`${server.url}/html`);
    expect(html.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const body = await html.text();
    expect(body).toContain('<h1>Hello, world!</h1>');
    expect(body).toContain('<table>');
    expect(body).toContain('<em>kept</em>');
  });

  it("writeJson takes Pode's noCompress, depth and contentType", async () => {
    const value = { a: { b: { c: 1 } }, list: [1, 2] };
    const server = await serve((s) => {
      s.addRoute('GET', '/plain', (e) => e.writeJson(value));
      s.addRoute('GET', '/pretty', (e) => e.writeJson(value, { noCompress: true }));
      s.addRoute('GET', '/depth', (e) => e.writeJson(value, { depth: 1 }));
      s.addRoute('GET', '/type', (e) =>
        e.writeJson(value, { contentType: 'application/vnd.api+json', statusCode: 201 }),
      );
      s.addRoute('GET', '/bad-depth', (e) => e.writeJson(value, { depth: 101 }));
    });
    expect(await (await fetch(`${server.url}/plain`)).text()).toBe(JSON.stringify(value));
    expect(await (await fetch(`${server.url}/pretty`)).text()).toBe(JSON.stringify(value, null, 2));
    expect(await (await fetch(`${server.url}/depth`)).json()).toEqual({
      a: { b: '[object Object]' },
      list: [1, 2],
    });
    const typed = await fetch(`${server.url}/type`);
    expect(typed.status).toBe(201);
    expect(typed.headers.get('content-type')).toBe('application/vnd.api+json; charset=utf-8');
    expect((await fetch(`${server.url}/bad-depth`)).status).toBe(500);
  });

  it('the free functions write to the current request', async () => {
    const server = await serve((s) => {
      s.addRoute('GET', '/xml', async () => {
        await Promise.resolve();
        writeXmlResponse({ name: 'john' });
      });
      s.addRoute('GET', '/csv', () => writeCsvResponse(users));
      s.addRoute('GET', '/yaml', () => writeYamlResponse({ a: 1 }, { statusCode: 202 }));
      s.addRoute('GET', '/md', () => writeMarkdownResponse('*hi*', { asHtml: true }));
    });
    expect(await (await fetch(`${server.url}/xml`)).text()).toContain(
      '<Property Name="name">john</Property>',
    );
    expect(await (await fetch(`${server.url}/csv`)).text()).toBe('"Name"\n"Rick"\n"Don"');
    const yaml = await fetch(`${server.url}/yaml`);
    expect(yaml.status).toBe(202);
    expect(await yaml.text()).toBe('a: 1\n');
    expect((await (await fetch(`${server.url}/md`)).text()).trim()).toBe('<p><em>hi</em></p>');
  });

  it('a server loads a format library only when a route first writes that format', async () => {
    const { spawnScript } = await import('./raw-http.js');
    const child = await spawnScript(`
      import { createRequire } from 'node:module';
      import { startServer } from PODE;
      const require = createRequire(import.meta.url);
      const loaded = () =>
        Object.keys(require.cache).filter((file) => /fast-xml-parser|csv-|js-yaml|markdown-it/.test(file)).length;
      const server = await startServer((s) => {
        s.addEndpoint({ address: '127.0.0.1', port: 0 });
        s.addRoute('GET', '/', (e) => e.writeJson({ loaded: loaded() }));
        s.addRoute('GET', '/xml', (e) => e.writeXml({ loaded: loaded() }));
      }, { logger: false, handleSignals: false });
      console.log('URL ' + server.url);
    `);
    try {
      expect(await (await fetch(child.url)).json()).toEqual({ loaded: 0 });
      await fetch(`${child.url}/xml`);
      const after = (await (await fetch(child.url)).json()) as { loaded: number };
      expect(after.loaded).toBeGreaterThan(0);
    } finally {
      child.child.kill();
      await child.exited;
    }
  });
});
