/**
 * Several OpenAPI definitions on one server: routes selected into more than one definition at
 * once, and each definition (with its viewers) served on an endpoint of its own. Every served
 * document passes a real OpenAPI validator.
 */
import { afterEach, describe, expect, it } from 'vitest';
import {
  newOAIntProperty,
  newOAObjectProperty,
  newOASchemaProperty,
  newOAStringProperty,
  type RunningServer,
  type ServerBuilder,
  SetupError,
} from '../../src/index.js';
import { serve } from '../helpers.js';
import { openApiErrors } from './validator.js';

const servers: RunningServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.stop()));
});

// biome-ignore lint/suspicious/noExplicitAny: the tests read deep into the JSON document
type Json = Record<string, any>;

async function documentAt(url: string): Promise<Json> {
  const response = await fetch(url);
  expect(response.status).toBe(200);
  const document = (await response.json()) as Json;
  expect(await openApiErrors(document)).toBeUndefined();
  return document;
}

function twoDefinitions(s: ServerBuilder): void {
  s.enableOpenApi({ title: 'Shop v1', path: '/docs/v1', definitionTag: 'v1' });
  s.enableOpenApi({
    title: 'Shop v2',
    path: '/docs/v2',
    definitionTag: 'v2',
    openApiVersion: '3.1',
  });
}

describe('selectOADefinition with several tags', () => {
  it('puts the routes of the block in each definition, and the others in theirs only', async () => {
    const server = await serve((s) => {
      twoDefinitions(s);
      s.selectOADefinition(['v1', 'v2'], () => {
        s.addRoute({ method: 'GET', path: '/items' }, (e) => e.writeJson([]));
        s.addOATag({ name: 'items', description: 'Everything for sale' });
      });
      s.selectOADefinition('v2', () => {
        s.addRoute({ method: 'GET', path: '/items/new' }, (e) => e.writeJson([]));
      });
    });
    servers.push(server);
    const v1 = await documentAt(`${server.url}/docs/v1`);
    const v2 = await documentAt(`${server.url}/docs/v2`);
    expect(Object.keys(v1.paths)).toEqual(['/items']);
    expect(Object.keys(v2.paths).sort()).toEqual(['/items', '/items/new']);
    expect(v1.tags).toEqual([{ name: 'items', description: 'Everything for sale' }]);
    expect(v2.tags).toEqual([{ name: 'items', description: 'Everything for sale' }]);
    expect((await fetch(`${server.url}/items`)).status).toBe(200);
  });

  it('refuses a tag that is not enabled, and an empty list, at set-up', async () => {
    await expect(
      serve((s) => {
        twoDefinitions(s);
        s.selectOADefinition(['v1', 'v3'], () => {});
      }),
    ).rejects.toThrow(/no OpenAPI definition 'v3' is enabled/);
    await expect(
      serve((s) => {
        twoDefinitions(s);
        s.selectOADefinition([], () => {});
      }),
    ).rejects.toThrow(SetupError);
  });
});

describe('enableOpenApi endpointName', () => {
  it('serves each definition and its viewers on its own endpoint only, at the same paths', async () => {
    const server = await serve(
      (s) => {
        s.addEndpoint({ address: '127.0.0.1', port: 0, name: 'api_v1' });
        s.addEndpoint({ address: '127.0.0.1', port: 0, name: 'api_v2' });
        s.enableOpenApi({
          title: 'Shop v1',
          path: '/docs/openapi',
          definitionTag: 'v1',
          endpointName: 'api_v1',
        });
        s.enableOpenApi({
          title: 'Shop v2',
          path: '/docs/openapi',
          definitionTag: 'v2',
          endpointName: ['api_v2'],
        });
        s.enableOAViewer({ type: 'bookmarks', path: '/docs', definitionTag: 'v1' });
        s.enableOAViewer({ type: 'bookmarks', path: '/docs', definitionTag: 'v2' });
        s.selectOADefinition(['v1', 'v2'], () => {
          s.addRoute({ method: 'GET', path: '/ping' }, (e) => e.writeText('pong'));
        });
      },
      {},
      { endpoint: false },
    );
    servers.push(server);
    const [one, two] = server.endpoints.map((endpoint) => endpoint.url);
    expect((await documentAt(`${one}/docs/openapi`)).info.title).toBe('Shop v1');
    expect((await documentAt(`${two}/docs/openapi`)).info.title).toBe('Shop v2');
    expect(await (await fetch(`${one}/docs`)).text()).toContain('Shop v1');
    expect(await (await fetch(`${two}/docs`)).text()).toContain('Shop v2');
    // the routes themselves are on every endpoint
    expect(await (await fetch(`${two}/ping`)).text()).toBe('pong');
  });

  it('refuses a bad endpointName, one that names no endpoint, and one path on a shared endpoint', async () => {
    await expect(
      serve((s) => {
        s.enableOpenApi({ title: 'x', endpointName: '' });
      }),
    ).rejects.toThrow(/endpointName must be an endpoint name/);
    await expect(
      serve((s) => {
        s.enableOpenApi({ title: 'x', endpointName: 'nowhere' });
      }),
    ).rejects.toThrow(/No endpoint named 'nowhere'/);
    await expect(
      serve((s) => {
        s.enableOpenApi({ title: 'a', definitionTag: 'a', path: '/oa' });
        s.enableOpenApi({ title: 'b', definitionTag: 'b', path: '/oa', endpointName: 'x' });
      }),
    ).rejects.toThrow(/already served at \/oa/);
  });
});

describe('XML names of properties', () => {
  for (const version of ['3.0', '3.1'] as const) {
    it(`give each schema its xml object (OpenAPI ${version}), an array's items theirs`, async () => {
      const server = await serve((s) => {
        s.enableOpenApi({ title: 'Zoo', openApiVersion: version });
        s.addOAComponentSchema(
          'Tag',
          newOAObjectProperty({
            xmlName: 'tag',
            properties: [
              newOAIntProperty({ name: 'id', xmlAttribute: true }),
              newOAStringProperty({
                name: 'name',
                xmlPrefix: 'zoo',
                xmlNamespace: 'http://example.com/zoo',
              }),
            ],
          }),
        );
        s.addOAComponentSchema(
          'Animal',
          newOAObjectProperty({
            xmlName: 'animal',
            additionalProperties: newOAStringProperty(),
            properties: [
              newOAStringProperty({
                name: 'photoUrls',
                array: true,
                xmlWrapped: true,
                xmlItemName: 'photoUrl',
              }),
              newOASchemaProperty('Tag', { name: 'tags', array: true, xmlWrapped: true }),
            ],
          }),
        );
      });
      servers.push(server);
      const document = await documentAt(`${server.url}/openapi`);
      const { Tag, Animal } = document.components.schemas;
      expect(Tag.xml).toEqual({ name: 'tag' });
      expect(Tag.properties.id.xml).toEqual({ attribute: true });
      expect(Tag.properties.name.xml).toEqual({
        prefix: 'zoo',
        namespace: 'http://example.com/zoo',
      });
      expect(Animal.xml).toEqual({ name: 'animal' });
      expect(Animal.additionalProperties).toEqual({ type: 'string' });
      expect(Animal.properties.photoUrls).toEqual({
        type: 'array',
        items: { type: 'string', xml: { name: 'photoUrl' } },
        xml: { wrapped: true },
      });
      expect(Animal.properties.tags).toEqual({
        type: 'array',
        items: { $ref: '#/components/schemas/Tag' },
        xml: { wrapped: true },
      });
    });
  }

  it('refuses an empty xml name and a namespace that is not an absolute URI', () => {
    expect(() => newOAStringProperty({ xmlName: '' })).toThrow(
      /xmlName must be a non-empty string/,
    );
    expect(() => newOAStringProperty({ xmlNamespace: 'zoo' })).toThrow(SetupError);
  });
});
