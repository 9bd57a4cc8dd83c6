import { load as loadYaml } from 'js-yaml';
import { afterEach, describe, expect, it } from 'vitest';
import { start } from '../../examples/rest-openapi/server.js';
import {
  convertToOAParameter,
  newOAIntProperty,
  newOANumberProperty,
  newOAStringProperty,
  type RunningServer,
  type ServerBuilder,
} from '../../src/index.js';
import { serve } from '../helpers.js';
import { openApiErrors } from './validator.js';

const servers: RunningServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.stop()));
});

// biome-ignore lint/suspicious/noExplicitAny: the tests read deep into the JSON document
type Json = Record<string, any>;

async function documentOf(url: string, path = '/openapi'): Promise<Json> {
  const response = await fetch(`${url}${path}`);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^application\/json/);
  return (await response.json()) as Json;
}

describe('the generated OpenAPI document', () => {
  it('is checked by a validator that does reject a broken document', async () => {
    expect(
      await openApiErrors({ openapi: '3.0.3', info: { title: 'x' }, paths: {} }),
    ).toBeDefined();
    expect(
      await openApiErrors({
        openapi: '3.1.0',
        info: { title: 'x', version: '1' },
        paths: { x: 1 },
      }),
    ).toBeDefined();
  });

  for (const version of ['3.0', '3.1'] as const) {
    it(`of examples/rest-openapi is a valid OpenAPI ${version} document, as JSON and YAML`, async () => {
      const server = await start(0, '127.0.0.1', { logger: false, handleSignals: false }, version);
      servers.push(server);
      const document = await documentOf(server.url);
      expect(await openApiErrors(document)).toBeUndefined();
      expect(document.openapi).toBe(version === '3.0' ? '3.0.3' : '3.1.0');
      expect(document.info).toMatchObject({
        title: 'Pet store',
        version: '1.2.0',
        license: { name: 'MIT' },
        contact: { email: 'pets@example.com' },
      });
      // Methods and path parameters come from the routes; the filter keeps /api/* only.
      expect(Object.keys(document.paths).sort()).toEqual([
        '/api/check/pet',
        '/api/pets',
        '/api/pets/{petId}',
      ]);
      expect(Object.keys(document.paths['/api/pets/{petId}']).sort()).toEqual(['delete', 'get']);
      expect(document.paths['/api/pets'].get.tags).toEqual(['pets']);
      expect(document.paths['/api/check/pet'].post).toMatchObject({
        operationId: 'checkPet',
        summary: 'Check a pet without adding it',
        responses: { '200': { description: 'Whether the pet complies with NewPet' } },
      });
      expect(document.paths['/api/pets/{petId}'].get.parameters).toEqual([
        {
          name: 'petId',
          in: 'path',
          description: 'The id of the pet',
          required: true,
          schema: { type: 'integer', minimum: 1 },
        },
      ]);
      expect(document.components.schemas.NewPet.required).toEqual(['name', 'status']);
      const text = await (await fetch(`${server.url}/openapi.yaml`)).text();
      expect(loadYaml(text)).toEqual(document);
    });
  }

  it('documents undescribed routes minimally unless disabled, and never its own routes', async () => {
    const setup = (minimal: boolean) => (s: ServerBuilder) => {
      s.enableOpenApi({ title: 'T', disableMinimalDefinitions: !minimal });
      s.addRoute({ method: 'GET', path: '/plain/:id' }, (e) => e.writeText('x'));
      s.addRoute(
        { method: 'PUT', path: '/described', openapi: { summary: 'S', deprecated: true } },
        (e) => e.writeText('y'),
      );
      s.addRoute({ method: 'GET', path: '/hidden', openapi: { hidden: true } }, (e) =>
        e.writeText('z'),
      );
    };
    const full = await documentOf((await serve(setup(true))).url);
    expect(await openApiErrors(full)).toBeUndefined();
    expect(Object.keys(full.paths).sort()).toEqual(['/described', '/plain/{id}']);
    expect(full.paths['/plain/{id}'].get).toEqual({
      responses: {
        '200': { description: 'OK' },
        default: { description: 'Internal server error' },
      },
      parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
    });
    expect(full.paths['/described'].put.deprecated).toBe(true);
    const bare = await documentOf((await serve(setup(false))).url);
    expect(Object.keys(bare.paths)).toEqual(['/described']);
  });

  it('writes 3.1 schemas in 3.1 form (nullable as a null type, numeric exclusive bounds)', async () => {
    const server = await serve((s) => {
      s.enableOpenApi({ title: 'T', openApiVersion: '3.1' });
      s.addRoute(
        {
          method: 'GET',
          path: '/n',
          openapi: {
            parameters: [
              convertToOAParameter('query', newOAStringProperty({ name: 'q', nullable: true })),
              convertToOAParameter(
                'query',
                newOANumberProperty({ name: 'r', minimum: 0, exclusiveMinimum: true }),
              ),
            ],
          },
        },
        (e) => e.writeText('n'),
      );
    });
    const document = await documentOf(server.url);
    expect(await openApiErrors(document)).toBeUndefined();
    const [q, r] = document.paths['/n'].get.parameters;
    expect(q.schema).toEqual({ type: ['string', 'null'] });
    expect(r.schema).toEqual({ type: 'number', exclusiveMinimum: 0 });
  });

  it('serves several definitions, each with its own routes (definitionTag, selectOADefinition)', async () => {
    const server = await serve((s) => {
      s.enableOpenApi({ title: 'Public', definitionTag: 'public', path: '/openapi/public' });
      s.enableOpenApi({
        title: 'Admin',
        definitionTag: 'admin',
        path: '/openapi/admin',
        openApiVersion: '3.1',
      });
      s.addOATag({ name: 'users', definitionTag: ['public', 'admin'] });
      s.addOAComponentSchema('User', newOAStringProperty(), { definitionTag: 'admin' });
      s.addRoute({ method: 'GET', path: '/both', openapi: { summary: 'both' } }, (e) =>
        e.writeText('b'),
      );
      s.addRoute(
        { method: 'GET', path: '/pub', openapi: { summary: 'pub', definitionTag: 'public' } },
        (e) => e.writeText('p'),
      );
      s.selectOADefinition('admin', () => {
        s.addOAServerEndpoint({ url: '/admin-api' });
        s.addRoute({ method: 'DELETE', path: '/users/:id', openapi: { tags: ['users'] } }, (e) =>
          e.writeText('d'),
        );
      });
    });
    const pub = await documentOf(server.url, '/openapi/public');
    const admin = await documentOf(server.url, '/openapi/admin');
    expect(await openApiErrors(pub)).toBeUndefined();
    expect(await openApiErrors(admin)).toBeUndefined();
    expect(pub.info.title).toBe('Public');
    expect(Object.keys(pub.paths).sort()).toEqual(['/both', '/pub']);
    expect(Object.keys(admin.paths).sort()).toEqual(['/both', '/users/{id}']);
    expect(admin.openapi).toBe('3.1.0');
    expect(admin.components.schemas.User).toEqual({ type: 'string' });
    expect(pub.components).toBeUndefined();
    expect(pub.tags).toEqual([{ name: 'users' }]);
    expect(admin.servers).toEqual([{ url: '/admin-api' }]);
    expect(pub.servers).toBeUndefined();
    await expect(
      serve((s) => {
        s.enableOpenApi({ title: 'A', definitionTag: 'a' });
        s.enableOpenApi({ title: 'B', definitionTag: 'b' });
      }),
    ).rejects.toMatchObject({
      code: 'PODE_ERR_BAD_OPTION',
      message: /already served at \/openapi/,
    });
  });

  it('refuses bad set-up at start-up with a clear error', async () => {
    await expect(
      serve((s) => s.enableOpenApi({ title: 'T', opneApiVersion: '3.1' } as never)),
    ).rejects.toMatchObject({ code: 'PODE_ERR_UNKNOWN_OPTION', message: /openApiVersion/ });
    await expect(serve((s) => s.enableOpenApi({} as never))).rejects.toMatchObject({
      code: 'PODE_ERR_BAD_OPTION',
    });
    await expect(
      serve((s) =>
        s.addRoute({ method: 'GET', path: '/x', openapi: { sumary: 'typo' } as never }, () => {}),
      ),
    ).rejects.toMatchObject({ code: 'PODE_ERR_UNKNOWN_OPTION', message: /summary/ });
    await expect(
      serve((s) => {
        s.enableOpenApi({ title: 'T' });
        s.addRoute(
          { method: 'GET', path: '/x', openapi: { responses: { '404': { reference: 'Nope' } } } },
          () => {},
        );
      }),
    ).rejects.toMatchObject({ code: 'PODE_ERR_BAD_OPTION', message: /Nope/ });
    await expect(
      serve((s) => {
        s.enableOpenApi({ title: 'T' });
        s.addRoute(
          {
            method: 'GET',
            path: '/x',
            openapi: {
              parameters: [convertToOAParameter('path', newOAIntProperty({ name: 'id' }))],
            },
          },
          () => {},
        );
      }),
    ).rejects.toMatchObject({
      code: 'PODE_ERR_BAD_ROUTE',
      message: /'id' is not in the route's path/,
    });
    await expect(
      serve((s) => {
        s.enableOpenApi({ title: 'T' });
        s.enableOAViewer({ type: 'nope' as never });
      }),
    ).rejects.toMatchObject({ code: 'PODE_ERR_BAD_OPTION', message: /unknown viewer type/ });
    await expect(serve((s) => s.enableOAViewer({ type: 'swagger' }))).rejects.toMatchObject({
      code: 'PODE_ERR_BAD_OPTION',
      message: /no OpenAPI definition/,
    });
    await expect(serve((s) => s.addOATag({ name: 't' }))).rejects.toMatchObject({
      code: 'PODE_ERR_BAD_OPTION',
      message: /no OpenAPI definition 'default'/,
    });
  });
});
