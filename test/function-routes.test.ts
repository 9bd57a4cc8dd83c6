/**
 * `s.convertToRoute` (Pode's `ConvertTo-PodeRoute`): a route per function, its method from the
 * verb, its parameters from the query (GET) or the body, its result as JSON.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { verbMethod } from '../src/function-routes.js';
import type { RunningServer } from '../src/index.js';
import { serve } from './helpers.js';

const servers: RunningServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.stop()));
});

describe('s.convertToRoute', () => {
  it('maps verbs to methods as Pode does', () => {
    expect(['Get', 'find', 'Test', 'Set', 'Update', 'Remove', 'New', ''].map(verbMethod)).toEqual([
      'GET',
      'GET',
      'GET',
      'PUT',
      'PATCH',
      'DELETE',
      'POST',
      'POST',
    ]);
  });

  it('serves each function at path/module/name with the query or body as its parameters', async () => {
    const calls: unknown[] = [];
    const server = await serve((s) => {
      s.enableOpenApi({ title: 'Functions', disableMinimalDefinitions: true });
      s.convertToRoute(
        {
          'Get-Greeting': (p) => ({ message: `hello ${String(p.Name ?? 'you')}` }),
          'New-Thing': async (p) => {
            calls.push(p);
            return { made: p.name };
          },
          'Clear-Cache': () => undefined,
        },
        { path: '/api/', module: 'Tools' },
      );
      s.convertToRoute({ 'Get-Time': () => ({ at: 1 }) }, { noVerb: true, method: 'Post' });
    });
    servers.push(server);
    const get = await fetch(`${server.url}/api/Tools/Get-Greeting?Name=Rick`);
    expect(await get.json()).toEqual({ message: 'hello Rick' });
    const post = await fetch(`${server.url}/api/Tools/New-Thing`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'box' }),
    });
    expect(await post.json()).toEqual({ made: 'box' });
    expect(calls).toEqual([{ name: 'box' }]);
    // no result: nothing written (Pode writes JSON only for a result)
    const clear = await fetch(`${server.url}/api/Tools/Clear-Cache`, { method: 'DELETE' });
    expect(clear.status).toBe(200);
    expect(await clear.text()).toBe('');
    expect((await fetch(`${server.url}/Time`, { method: 'POST' })).status).toBe(200);
    expect((await fetch(`${server.url}/api/Tools/Get-Greeting`, { method: 'POST' })).status).toBe(
      405,
    );
    // described, with the module as tag
    const document = (await (await fetch(`${server.url}/openapi`)).json()) as {
      paths: Record<string, Record<string, { tags?: string[] }>>;
    };
    expect(document.paths['/api/Tools/New-Thing'].post.tags).toEqual(['Tools']);
    expect(document.paths['/Time'].post).toBeDefined();
  });

  it('a function that throws answers 500 and the server goes on', async () => {
    const server = await serve((s) =>
      s.convertToRoute({
        'Get-Broken': () => {
          throw new Error('nope');
        },
        'Get-Fine': () => 'fine',
      }),
    );
    servers.push(server);
    expect((await fetch(`${server.url}/Get-Broken`)).status).toBe(500);
    expect(await (await fetch(`${server.url}/Get-Fine`)).json()).toBe('fine');
  });

  it('refuses no functions, a name that is not a function, and unknown options', async () => {
    await expect(serve((s) => s.convertToRoute({}))).rejects.toMatchObject({
      code: 'PODE_ERR_BAD_OPTION',
      message: /no functions/,
    });
    await expect(
      serve((s) => s.convertToRoute({ 'Get-A': 'x' as unknown as () => unknown })),
    ).rejects.toMatchObject({ code: 'PODE_ERR_BAD_OPTION', message: /'Get-A' is not a function/ });
    await expect(
      serve((s) => s.convertToRoute({ 'Get-A': () => 1 }, { nope: true } as object)),
    ).rejects.toMatchObject({ code: 'PODE_ERR_UNKNOWN_OPTION' });
  });
});
