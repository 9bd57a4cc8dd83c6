/**
 * The second round of Pode's OpenAPI features: the editor, bookmarks, Stoplight and Explorer
 * viewers, 3.1 webhooks, `noDefaultResponses`, external docs as values, `object: true`
 * properties, component parameters by reference and responses described by their status code.
 * Each served document passes a real OpenAPI validator.
 */
import { afterEach, describe, expect, it } from 'vitest';
import {
  convertToOAParameter,
  newOAExternalDoc,
  newOAIntProperty,
  newOAObjectProperty,
  newOAStringProperty,
  type RunningServer,
  type ServerBuilder,
} from '../../src/index.js';
import { serve } from '../helpers.js';
import { captureLogger } from '../sessions/fixtures.js';
import { openApiErrors } from './validator.js';

const servers: RunningServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.stop()));
});

// biome-ignore lint/suspicious/noExplicitAny: the tests read deep into the JSON document
type Json = Record<string, any>;

async function start(setup: (s: ServerBuilder) => void): Promise<string> {
  const server = await serve(setup);
  servers.push(server);
  return server.url;
}

async function document(url: string, path = '/openapi'): Promise<Json> {
  const response = await fetch(`${url}${path}`);
  expect(response.status).toBe(200);
  const json = (await response.json()) as Json;
  expect(await openApiErrors(json)).toBeUndefined();
  return json;
}

describe('OpenAPI viewers: editor, bookmarks, stoplight, explorer', () => {
  it('serves each page with its assets from the installed package, and the bookmarks list them all', async () => {
    const url = await start((s) => {
      s.enableOpenApi({ title: 'Viewers', path: '/docs/openapi' });
      s.enableOAViewer({ type: 'swagger', path: '/docs/swagger' });
      // bookmarks before the viewers enabled after it: they are listed too
      s.enableOAViewer({ bookmarks: true, path: '/docs' });
      s.enableOAViewer({ editor: true, path: '/docs/editor' });
      s.enableOAViewer({ type: 'stoplight', path: '/docs/stoplight' });
      s.enableOAViewer({ type: 'explorer', path: '/docs/explorer' });
      s.addRoute('GET', '/ping', (e) => e.writeText('pong'));
    });
    const bookmarks = await fetch(`${url}/docs`);
    expect(bookmarks.status).toBe(200);
    const list = await bookmarks.text();
    for (const path of ['/docs/swagger', '/docs/editor', '/docs/stoplight', '/docs/explorer'])
      expect(list).toContain(`href="${path}"`);
    expect(list).toContain('href="/docs/openapi.yaml"');
    const assets: Record<string, string> = {
      '/docs/editor': '/docs/editor/dist/swagger-editor-bundle.js',
      '/docs/stoplight': '/docs/stoplight/dist/web-components.min.js',
      '/docs/explorer': '/docs/explorer/dist/openapi-explorer.min.js',
    };
    for (const [page, asset] of Object.entries(assets)) {
      const html = await (await fetch(`${url}${page}`)).text();
      expect(html).toContain(asset.replace(/^.*\/dist\//, `${page}/dist/`));
      const script = await fetch(`${url}${asset}`);
      expect(script.status, asset).toBe(200);
      expect((await script.arrayBuffer()).byteLength).toBeGreaterThan(10_000);
    }
    // the editor loads the YAML document
    expect(await (await fetch(`${url}/docs/editor`)).text()).toContain('/docs/openapi.yaml');
    // the viewers are not documented, the route is
    const json = await document(url, '/docs/openapi');
    expect(Object.keys(json.paths)).toEqual(['/ping']);
  });

  it("answers Pode's ?format=yaml on the document path with YAML", async () => {
    const url = await start((s) => {
      s.enableOpenApi({ title: 'Yaml' });
      s.addRoute('GET', '/a', (e) => e.writeText('a'));
    });
    const response = await fetch(`${url}/openapi?format=yaml`);
    expect(response.headers.get('content-type')).toMatch(/yaml/);
    expect(await response.text()).toMatch(/^openapi: 3\.0\.3/m);
  });

  it('refuses a viewer with no kind or two, the editor on a 3.1 document, an unknown type', async () => {
    const cases: [(s: ServerBuilder) => void, RegExp][] = [
      [(s) => s.enableOAViewer({}), /one of type, editor/],
      [(s) => s.enableOAViewer({ type: 'swagger', bookmarks: true }), /one of type/],
      [(s) => s.enableOAViewer({ type: 'nope' as 'swagger' }), /unknown viewer type "nope"/],
    ];
    for (const [setup, message] of cases) {
      await expect(
        serve((s) => {
          s.enableOpenApi({ title: 'x' });
          setup(s);
        }),
      ).rejects.toMatchObject({ code: 'PODE_ERR_BAD_OPTION', message });
    }
    await expect(
      serve((s) => {
        s.enableOpenApi({ title: 'x', openApiVersion: '3.1' });
        s.enableOAViewer({ editor: true });
      }),
    ).rejects.toMatchObject({
      code: 'PODE_ERR_BAD_OPTION',
      message: /does not support OpenAPI 3\.1/,
    });
  });
});

describe('a viewer whose npm package is not installed', () => {
  it('starts the server with a warning, and its page says what to install (503)', async () => {
    const { logger, lines } = captureLogger();
    // rapipdf is not among this repository's dependencies: the case of a Pode script that
    // enables every viewer Pode knows
    const server = await serve(
      (s) => {
        s.enableOpenApi({ title: 'Pets' });
        s.enableOAViewer({ type: 'rapipdf' });
        s.enableOAViewer({ type: 'swagger' });
        s.addRoute('GET', '/pets', (e) => e.writeJson([]));
      },
      { logger },
    );
    servers.push(server);
    const page = await fetch(`${server.url}/rapipdf`);
    expect(page.status).toBe(503);
    expect(await page.text()).toContain('npm install rapipdf');
    expect((await fetch(`${server.url}/swagger`)).status).toBe(200);
    expect((await fetch(`${server.url}/pets`)).status).toBe(200);
    expect(lines.join('\n')).toMatch(/rapipdf viewer at \/rapipdf needs the npm package 'rapipdf'/);
  });
});

describe('OpenAPI 3.1 webhooks', () => {
  it('documents a webhook under webhooks, described like a route', async () => {
    const url = await start((s) => {
      s.enableOpenApi({ title: 'Hooks', openApiVersion: '3.1', noDefaultResponses: true });
      s.addOAComponentSchema(
        'Payload',
        newOAObjectProperty({ properties: [newOAStringProperty({ name: 'key', required: true })] }),
      );
      s.addRoute('POST', '/subscribe', (e) => e.writeJson({ ok: true }));
      s.addOAWebhook('newEvent', { method: 'POST' });
      s.setOARouteInfo(
        { method: 'POST', webhook: 'newEvent' },
        { summary: 'An event', operationId: 'newEvent', tags: 'Events' },
      );
      s.setOARequest(
        { method: 'POST', webhook: 'newEvent' },
        { requestBody: { required: true, content: { 'application/json': 'Payload' } } },
      );
      s.addOAResponse({ method: 'POST', webhook: 'newEvent' }, 400);
      s.addOAWebhook('quiet', { method: 'delete' });
    });
    const json = await document(url);
    expect(json.openapi).toBe('3.1.0');
    const hook = json.webhooks.newEvent.post;
    expect(hook.summary).toBe('An event');
    expect(hook.requestBody.content['application/json'].schema.$ref).toBe(
      '#/components/schemas/Payload',
    );
    // a response without a description takes its status text
    expect(hook.responses).toEqual({ '400': { description: 'Bad Request' } });
    // a webhook described without responses: 204, as in Pode
    expect(json.webhooks.quiet.delete.responses).toEqual({ '204': { description: 'No Content' } });
    expect(json.tags).toEqual([{ name: 'Events' }]);
    // noDefaultResponses: a route described with none gets Pode's placeholder
    expect(json.paths['/subscribe'].post.responses).toEqual({
      default: { description: 'No description' },
    });
    // webhooks are not routes
    expect((await fetch(`${url}/newEvent`, { method: 'POST' })).status).toBe(404);
  });

  it('refuses a webhook on a 3.0 definition, and one without a method', async () => {
    await expect(
      serve((s) => {
        s.enableOpenApi({ title: 'x' });
        s.addOAWebhook('a', { method: 'POST' });
      }),
    ).rejects.toMatchObject({ code: 'PODE_ERR_BAD_OPTION', message: /OpenAPI 3\.1 feature/ });
    await expect(
      serve((s) => {
        s.enableOpenApi({ title: 'x', openApiVersion: '3.1' });
        s.addOAWebhook('a', {} as { method: string });
      }),
    ).rejects.toMatchObject({ code: 'PODE_ERR_BAD_OPTION', message: /method must be/ });
  });
});

describe('default responses, external docs, object properties, parameter references', () => {
  it('keeps the default responses unless told otherwise, and takes custom ones', async () => {
    const url = await start((s) => {
      s.enableOpenApi({ title: 'a', path: '/a' });
      s.enableOpenApi({
        title: 'b',
        path: '/b',
        definitionTag: 'b',
        defaultResponses: { '200': { description: 'Fine' } },
      });
      s.addRoute({ method: 'GET', path: '/x', openapi: { definitionTag: ['default', 'b'] } }, (e) =>
        e.writeText('x'),
      );
    });
    expect((await document(url, '/a')).paths['/x'].get.responses).toEqual({
      '200': { description: 'OK' },
      default: { description: 'Internal server error' },
    });
    expect((await document(url, '/b')).paths['/x'].get.responses).toEqual({
      '200': { description: 'Fine' },
    });
    await expect(
      serve((s) => s.enableOpenApi({ title: 'x', noDefaultResponses: true, defaultResponses: {} })),
    ).rejects.toMatchObject({ code: 'PODE_ERR_BAD_OPTION', message: /cannot go together/ });
  });

  it('takes an external doc made by newOAExternalDoc, and refuses one that is not a URL', async () => {
    const doc = newOAExternalDoc({ url: 'https://example.com/docs', description: 'More' });
    expect(doc).toEqual({ description: 'More', url: 'https://example.com/docs' });
    const url = await start((s) => {
      s.enableOpenApi({ title: 'Docs' });
      s.addOAExternalDoc({ externalDoc: doc });
      s.addRoute('GET', '/a', (e) => e.writeText('a'));
    });
    expect((await document(url)).externalDocs).toEqual(doc);
    expect(() => newOAExternalDoc({ url: '/relative' })).toThrow(/http\(s\) URL/);
  });

  it('wraps a property in an object with object: true (required when the property is)', () => {
    expect(newOAIntProperty({ name: 'userId', object: true }).schema).toEqual({
      type: 'object',
      properties: { userId: { type: 'integer' } },
    });
    expect(
      newOAStringProperty({ name: 'tag', object: true, array: true, required: true }).schema,
    ).toEqual({
      type: 'object',
      properties: { tag: { type: 'array', items: { type: 'string' } } },
      required: ['tag'],
    });
    expect(() => newOAIntProperty({ object: true })).toThrow(/needs a name/);
  });

  it('documents a component parameter by reference and validates requests against it', async () => {
    const url = await start((s) => {
      s.enableOpenApi({ title: 'Refs', validate: true });
      s.addOAComponentParameter(
        'UserId',
        convertToOAParameter('path', newOAIntProperty({ name: 'userId', required: true })),
      );
      s.addRoute(
        {
          method: 'GET',
          path: '/users/:userId',
          openapi: { parameters: [convertToOAParameter({ reference: 'UserId' })] },
        },
        (e) => e.writeJson({ id: e.parameters.userId }),
      );
    });
    const json = await document(url);
    expect(json.paths['/users/{userId}'].get.parameters).toEqual([
      { $ref: '#/components/parameters/UserId' },
    ]);
    expect((await fetch(`${url}/users/12`)).status).toBe(200);
    const bad = await fetch(`${url}/users/twelve`);
    expect(bad.status).toBe(400);
    expect(JSON.stringify(await bad.json())).toContain('integer');
  });

  it('refuses a reference to a component parameter that does not exist, or an empty one', async () => {
    await expect(
      serve((s) => {
        s.enableOpenApi({ title: 'x' });
        s.addRoute(
          { method: 'GET', path: '/a', openapi: { parameters: [{ reference: 'Nope' }] } },
          (e) => e.writeText('a'),
        );
      }),
    ).rejects.toMatchObject({
      code: 'PODE_ERR_BAD_OPTION',
      message: /no component parameter named 'Nope'/,
    });
    expect(() => convertToOAParameter({ reference: '' })).toThrow(/component parameter/);
  });

  it('setOARequest takes one parameter as well as a list; addOAResponse describes by status', async () => {
    const url = await start((s) => {
      s.enableOpenApi({ title: 'One' });
      s.addRoute('GET', '/q', (e) => e.writeText('q'));
      s.setOARequest(
        { method: 'GET', path: '/q' },
        { parameters: convertToOAParameter('query', newOAStringProperty({ name: 'q' })) },
      );
      s.addOAResponse({ method: 'GET', path: '/q' }, 404);
      s.addOAResponse({ method: 'GET', path: '/q' }, 'default');
    });
    const operation = (await document(url)).paths['/q'].get;
    expect(operation.parameters).toEqual([{ name: 'q', in: 'query', schema: { type: 'string' } }]);
    expect(operation.responses).toEqual({
      '404': { description: 'Not Found' },
      default: { description: 'Default Response.' },
    });
    await expect(
      serve((s) => {
        s.enableOpenApi({ title: 'x' });
        s.addOAResponse({ method: 'GET', path: '/q' }, 299);
      }),
    ).rejects.toMatchObject({ code: 'PODE_ERR_BAD_OPTION', message: /no standard text/ });
  });

  it("applies set-up calls naming no definition to Pode's unserved default one, with a warning", async () => {
    const warnings: string[] = [];
    const listener = (warning: Error) => warnings.push(warning.message);
    process.on('warning', listener);
    try {
      const url = await start((s) => {
        s.enableOpenApi({ title: 'Tagged', definitionTag: 'v1' });
        s.addOAExternalDoc({ url: 'https://example.com' });
        s.addRoute({ method: 'GET', path: '/a', openapi: { definitionTag: 'v1' } }, (e) =>
          e.writeText('a'),
        );
      });
      expect((await document(url)).externalDocs).toBeUndefined();
      await new Promise((resolve) => setImmediate(resolve));
      expect(warnings.join('\n')).toMatch(/definition 'default' is not enabled/);
    } finally {
      process.off('warning', listener);
    }
  });
});
