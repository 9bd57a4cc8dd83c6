import { execFileSync } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { start } from '../../examples/rest-openapi/server.js';
import {
  convertToOAParameter,
  newOABoolProperty,
  newOAContentMediaType,
  newOAIntProperty,
  newOAObjectProperty,
  newOAStringProperty,
  type RunningServer,
  testOAJsonSchemaCompliance,
} from '../../src/index.js';
import { serve } from '../helpers.js';

const servers: RunningServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.stop()));
});

async function petStore(): Promise<string> {
  const server = await start(0, '127.0.0.1', { logger: false, handleSignals: false });
  servers.push(server);
  return server.url;
}

function post(url: string, body: string, type = 'application/json'): Promise<Response> {
  return fetch(url, { method: 'POST', headers: { 'content-type': type }, body });
}

interface Failure {
  message: string;
  errors: { in: string; path: string; keyword: string; message: string }[];
}

async function failure(response: Response): Promise<Failure> {
  expect(response.status).toBe(400);
  expect(response.headers.get('content-type')).toMatch(/^application\/json/);
  return (await response.json()) as Failure;
}

describe('request validation against the OpenAPI description (over HTTP)', () => {
  it('passes a valid body to the route', async () => {
    const url = await petStore();
    const response = await post(
      `${url}/api/pets`,
      JSON.stringify({ name: 'Bo', status: 'pending', tags: ['fish'] }),
    );
    expect(response.status).toBe(201);
    expect(await response.json()).toMatchObject({
      id: 3,
      name: 'Bo',
      status: 'pending',
      tags: ['fish'],
    });
  });

  it('answers a wrong type in the body with 400 and where it failed', async () => {
    const url = await petStore();
    const body = await failure(
      await post(`${url}/api/pets`, JSON.stringify({ name: 42, status: 'sold' })),
    );
    expect(body.errors).toEqual([
      { in: 'body', path: '/name', keyword: 'type', message: 'must be string' },
    ]);
  });

  it('answers a missing required property with 400', async () => {
    const url = await petStore();
    const body = await failure(await post(`${url}/api/pets`, JSON.stringify({ name: 'Bo' })));
    expect(body.errors).toEqual([
      { in: 'body', path: '/status', keyword: 'required', message: 'is required' },
    ]);
  });

  it('answers an extra property with 400 where the schema disallows them', async () => {
    const url = await petStore();
    const body = await failure(
      await post(`${url}/api/pets`, JSON.stringify({ name: 'Bo', status: 'sold', owner: 'me' })),
    );
    expect(body.errors).toEqual([
      { in: 'body', path: '/owner', keyword: 'additionalProperties', message: 'is not allowed' },
    ]);
  });

  it('lists every failure at once (enum, length, array items)', async () => {
    const url = await petStore();
    const body = await failure(
      await post(`${url}/api/pets`, JSON.stringify({ name: '', status: 'lost', tags: [1] })),
    );
    expect(body.errors.map((error) => `${error.path} ${error.keyword}`).sort()).toEqual([
      '/name minLength',
      '/status enum',
      '/tags/0 type',
    ]);
  });

  it('answers a missing required body, and a body of a type the route does not take, with 400', async () => {
    const url = await petStore();
    const missing = await failure(await fetch(`${url}/api/pets`, { method: 'POST' }));
    expect(missing.errors).toEqual([
      { in: 'body', path: '', keyword: 'required', message: 'A request body is required.' },
    ]);
    const text = await failure(await post(`${url}/api/pets`, 'name=Bo', 'text/plain'));
    expect(text.errors[0]).toMatchObject({ in: 'body', keyword: 'contentType' });
  });

  it('answers malformed JSON with 400 and a huge body with 413, and keeps serving', async () => {
    const url = await petStore();
    expect((await post(`${url}/api/pets`, '{"name": "Bo",')).status).toBe(400);
    const huge = JSON.stringify({ name: 'x'.repeat(2 * 1024 * 1024), status: 'sold' });
    expect((await post(`${url}/api/pets`, huge)).status).toBe(413);
    expect((await fetch(`${url}/api/pets/1`)).status).toBe(200);
  });

  it('validates path parameters (converted to their type) with 400', async () => {
    const url = await petStore();
    expect(await (await fetch(`${url}/api/pets/2`)).json()).toMatchObject({ name: 'Tom' });
    const word = await failure(await fetch(`${url}/api/pets/abc`));
    expect(word.errors).toEqual([
      { in: 'path', path: '/petId', keyword: 'type', message: 'must be integer' },
    ]);
    const zero = await failure(await fetch(`${url}/api/pets/0`, { method: 'DELETE' }));
    expect(zero.errors[0]).toMatchObject({ in: 'path', path: '/petId', keyword: 'minimum' });
  });

  it('validates query parameters with 400', async () => {
    const url = await petStore();
    expect(await (await fetch(`${url}/api/pets?status=sold&limit=5`)).json()).toEqual([
      { id: 2, name: 'Tom', status: 'sold', tags: ['cat'], vaccinated: false },
    ]);
    const body = await failure(await fetch(`${url}/api/pets?status=lost&limit=500`));
    expect(body.errors.map((error) => `${error.in} ${error.path} ${error.keyword}`).sort()).toEqual(
      ['query /limit maximum', 'query /status enum'],
    );
  });

  it('validates required headers, and only routes that opt in', async () => {
    const server = await serve((s) => {
      s.enableOpenApi({ title: 'T' });
      const description = {
        parameters: [
          convertToOAParameter(
            'header',
            newOAStringProperty({ name: 'X-Api-Version', required: true, pattern: '^v[0-9]+$' }),
          ),
        ],
        requestBody: {
          required: true,
          content: newOAContentMediaType({
            contentType: ['application/json', 'application/x-www-form-urlencoded'],
            content: newOAObjectProperty({
              properties: [
                newOAIntProperty({ name: 'n', required: true }),
                newOABoolProperty({ name: 'b' }),
              ],
            }),
          }),
        },
      };
      s.addRoute(
        { method: 'POST', path: '/checked', openapi: { ...description, validate: true } },
        (e) => e.writeJson(e.data),
      );
      s.addRoute({ method: 'POST', path: '/unchecked', openapi: description }, (e) =>
        e.writeText('ran'),
      );
    });
    const headers = { 'content-type': 'application/json' };
    const noHeader = await failure(
      await fetch(`${server.url}/checked`, { method: 'POST', headers, body: '{"n":1}' }),
    );
    expect(noHeader.errors).toEqual([
      { in: 'header', path: '/x-api-version', keyword: 'required', message: 'is required' },
    ]);
    const ok = await fetch(`${server.url}/checked`, {
      method: 'POST',
      headers: { ...headers, 'x-api-version': 'v2' },
      body: '{"n":1}',
    });
    expect(ok.status).toBe(200);
    // A form body is made of strings: its values are converted to the schema's types.
    const form = await fetch(`${server.url}/checked`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-api-version': 'v2' },
      body: 'n=7&b=true',
    });
    expect(form.status).toBe(200);
    const badForm = await failure(
      await fetch(`${server.url}/checked`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-api-version': 'v2' },
        body: 'n=seven',
      }),
    );
    expect(badForm.errors[0]).toMatchObject({ in: 'body', path: '/n', keyword: 'type' });
    const unchecked = await fetch(`${server.url}/unchecked`, {
      method: 'POST',
      headers,
      body: '{"n":"x"}',
    });
    expect(await unchecked.text()).toBe('ran');
  });

  it('testOAJsonSchemaCompliance checks a value against a component schema in a request', async () => {
    const url = await petStore();
    const good = await post(`${url}/api/check/pet`, JSON.stringify({ name: 'Bo', status: 'sold' }));
    expect(await good.json()).toEqual({ result: true });
    const bad = await post(`${url}/api/check/pet`, JSON.stringify({ name: 'Bo' }));
    expect(await bad.json()).toMatchObject({ result: false, message: 'body /status: is required' });
  });

  it('testOAJsonSchemaCompliance outside a request, or for an unknown schema, throws clearly', async () => {
    expect(() => testOAJsonSchemaCompliance('{}', 'Pet')).toThrow(/outside a request/);
    const server = await serve((s) => {
      s.enableOpenApi({ title: 'T' });
      s.addRoute({ method: 'GET', path: '/c' }, (e) =>
        e.writeJson(testOAJsonSchemaCompliance('{}', 'Missing')),
      );
    });
    const response = await fetch(`${server.url}/c`);
    expect(response.status).toBe(500);
    expect((await fetch(`${server.url}/openapi`)).status).toBe(200);
  });

  it('a server that validates nothing never loads ajv', () => {
    const script = `
      import { startServer } from './dist/index.js';
      import { createRequire } from 'node:module';
      const server = await startServer((s) => {
        s.addEndpoint({ address: '127.0.0.1', port: 0 });
        s.enableOpenApi({ title: 'T' });
        s.addRoute({ method: 'GET', path: '/x', openapi: { summary: 'x' } }, (e) => e.writeText('x'));
      }, { logger: false, handleSignals: false });
      await fetch(server.url + '/openapi');
      const cache = Object.keys(createRequire(import.meta.url).cache);
      console.log(JSON.stringify(cache.some((path) => path.includes('/node_modules/ajv/'))));
      await server.stop();`;
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
      cwd: new URL('../..', import.meta.url).pathname,
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(out.trim()).toBe('false');
  });
});
