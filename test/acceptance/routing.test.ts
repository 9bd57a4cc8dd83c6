import { describe, expect, it } from 'vitest';
import { startServer } from '../../src/index.js';
import { serve } from '../helpers.js';
import { rawRequest } from './raw-http.js';

const echo = (s: import('../../src/index.js').ServerBuilder, method: string, path: string) =>
  s.addRoute(method, path, (e) =>
    e.writeJson({ route: `${e.route?.method} ${e.route?.path}`, parameters: e.parameters }),
  );

/** What the `echo` route answers. */
interface Echoed {
  route: string;
  parameters: Record<string, string>;
}

const echoed = async (response: Response) => (await response.json()) as Echoed;

describe('route paths', () => {
  it('binds :params to e.parameters', async () => {
    const server = await serve((s) => echo(s, 'GET', '/users/:userId/posts/:postId'));
    const body = await echoed(await fetch(`${server.url}/users/42/posts/abc`));
    expect(body.parameters).toEqual({ userId: '42', postId: 'abc' });
  });

  it('lets a trailing * match the rest of the path, slashes included', async () => {
    const server = await serve((s) => echo(s, 'GET', '/files/*'));
    const deep = await fetch(`${server.url}/files/a/b/c.txt`);
    expect(deep.status).toBe(200);
    expect((await echoed(deep)).parameters['*']).toBe('a/b/c.txt');
    expect((await fetch(`${server.url}/files/one`)).status).toBe(200);
    expect((await fetch(`${server.url}/other/one`)).status).toBe(404);
  });

  it('lets a * between slashes match exactly one segment, and hides it from e.parameters', async () => {
    const server = await serve((s) => echo(s, 'GET', '/api/*/items'));
    const one = await fetch(`${server.url}/api/v1/items`);
    expect(one.status).toBe(200);
    expect((await echoed(one)).parameters).toEqual({});
    expect((await fetch(`${server.url}/api/v1/v2/items`)).status).toBe(404);
    expect((await fetch(`${server.url}/api/items`)).status).toBe(404);
  });

  it('matches paths case-insensitively, both ways', async () => {
    const server = await serve((s) => {
      echo(s, 'GET', '/About/Us');
      echo(s, 'GET', '/lower/:name');
    });
    expect((await fetch(`${server.url}/about/us`)).status).toBe(200);
    expect((await fetch(`${server.url}/ABOUT/US`)).status).toBe(200);
    const upper = await fetch(`${server.url}/LOWER/Mixed`);
    expect(upper.status).toBe(200);
    // Parameters keep the case the client sent.
    expect((await echoed(upper)).parameters).toEqual({ name: 'Mixed' });
  });

  it('treats a trailing slash as significant', async () => {
    const server = await serve((s) => {
      echo(s, 'GET', '/about');
      echo(s, 'GET', '/docs/');
    });
    expect((await fetch(`${server.url}/about`)).status).toBe(200);
    expect((await fetch(`${server.url}/about/`)).status).toBe(404);
    expect((await fetch(`${server.url}/docs/`)).status).toBe(200);
    expect((await fetch(`${server.url}/docs`)).status).toBe(404);
  });

  it('decodes %xx in parameters and keeps + as a plus', async () => {
    const server = await serve((s) => echo(s, 'GET', '/users/:name'));
    const spaced = await echoed(await fetch(`${server.url}/users/J%C3%BCrgen%20Smith`));
    expect(spaced.parameters.name).toBe('Jürgen Smith');
    const plus = await echoed(await fetch(`${server.url}/users/a+b`));
    expect(plus.parameters.name).toBe('a+b');
    const slash = await echoed(await fetch(`${server.url}/users/a%2Fb`));
    expect(slash.parameters.name).toBe('a/b');
  });

  it('answers a malformed percent-encoding with 400, not a crash', async () => {
    const server = await serve((s) => echo(s, 'GET', '/users/:name'));
    const response = await rawRequest(`${server.url}/users/%E0%A4%A`);
    expect(response.status).toBe(400);
    expect((await fetch(`${server.url}/users/ok`)).status).toBe(200);
  });

  it('drops a query string written in the defined path', async () => {
    const server = await serve((s) => echo(s, 'GET', '/search?q=ignored'));
    const response = await fetch(`${server.url}/search?q=cats`);
    expect(response.status).toBe(200);
    expect((await echoed(response)).route).toBe('GET /search');
  });

  it('routes on the path only: the query string never changes the match', async () => {
    const server = await serve((s) => s.addRoute('GET', '/q', (e) => e.writeJson(e.query)));
    const response = await fetch(`${server.url}/q?a=1&b=x+y&a=2&c=%20`);
    expect(await echoed(response)).toEqual({ a: '1,2', b: 'x y', c: ' ' });
  });
});

describe('methods', () => {
  it('accepts a method in any case and an array of methods', async () => {
    const server = await serve((s) => {
      s.addRoute({ method: 'get', path: '/lower' }, (e) => e.writeText('lower'));
      s.addRoute({ method: ['PUT', 'patch'], path: '/multi' }, (e) => e.writeText(e.method));
    });
    expect(await (await fetch(`${server.url}/lower`)).text()).toBe('lower');
    expect(await (await fetch(`${server.url}/multi`, { method: 'PUT' })).text()).toBe('PUT');
    expect(await (await fetch(`${server.url}/multi`, { method: 'PATCH' })).text()).toBe('PATCH');
  });

  it("lets a method-specific route win over a '*' route on the same path, whatever the order", async () => {
    const server = await serve((s) => {
      s.addRoute({ method: '*', path: '/thing' }, (e) => e.writeText(`any ${e.method}`));
      s.addRoute({ method: 'GET', path: '/thing' }, (e) => e.writeText('get'));
    });
    expect(await (await fetch(`${server.url}/thing`)).text()).toBe('get');
    expect(await (await fetch(`${server.url}/thing`, { method: 'POST' })).text()).toBe('any POST');
    expect(await (await fetch(`${server.url}/thing`, { method: 'DELETE' })).text()).toBe(
      'any DELETE',
    );
  });

  it('answers 404 with an error page when no path matches, running no middleware', async () => {
    const ran: string[] = [];
    const server = await serve((s) => {
      s.addMiddleware('spy', () => {
        ran.push('middleware');
      });
      echo(s, 'GET', '/here');
    });
    const response = await fetch(`${server.url}/nowhere`, {
      headers: { accept: 'application/json' },
    });
    expect(response.status).toBe(404);
    expect(await echoed(response)).toEqual({ status: 404, message: 'Not Found' });
    expect(ran).toEqual([]);
  });

  it('answers 405 with an Allow header when the path exists for other methods only', async () => {
    const server = await serve((s) => {
      echo(s, 'GET', '/users/:id');
      echo(s, 'DELETE', '/users/:id');
    });
    const response = await fetch(`${server.url}/users/1`, { method: 'POST' });
    expect(response.status).toBe(405);
    const allow = (response.headers.get('allow') ?? '').split(', ').sort();
    expect(allow).toEqual(['DELETE', 'GET', 'HEAD', 'OPTIONS']);
  });

  it('answers HEAD for a GET route with the same headers and no body', async () => {
    let handled = 0;
    const server = await serve((s) => {
      s.addRoute('GET', '/page', (e) => {
        handled++;
        e.setHeader('X-Custom', 'yes');
        e.writeHtml('<p>twelve ch</p>');
      });
    });
    const get = await rawRequest(`${server.url}/page`);
    const head = await rawRequest(`${server.url}/page`, { method: 'HEAD' });
    expect(handled).toBe(2);
    expect(head.status).toBe(200);
    expect(head.bytes.length).toBe(0);
    expect(head.headers['content-type']).toBe(get.headers['content-type']);
    expect(head.headers['x-custom']).toBe('yes');
    expect(head.headers['content-length']).toBe(get.headers['content-length']);
    expect(get.body).toBe('<p>twelve ch</p>');
  });

  it('prefers an explicit HEAD route over the automatic one', async () => {
    const server = await serve((s) => {
      s.addRoute('GET', '/x', (e) => e.setHeader('X-From', 'get'));
      s.addRoute('HEAD', '/x', (e) => e.setHeader('X-From', 'head'));
    });
    const head = await rawRequest(`${server.url}/x`, { method: 'HEAD' });
    expect(head.headers['x-from']).toBe('head');
  });

  it('answers OPTIONS without an explicit route with 204 and Allow, and no body', async () => {
    const ran: string[] = [];
    const server = await serve((s) => {
      s.addMiddleware('spy', () => {
        ran.push('middleware');
      });
      s.addEndware(() => {
        ran.push('endware');
      });
      echo(s, 'GET', '/items');
      echo(s, 'POST', '/items');
    });
    const response = await rawRequest(`${server.url}/items`, { method: 'OPTIONS' });
    expect(response.status).toBe(204);
    expect(response.body).toBe('');
    expect((response.headers.allow ?? '').split(', ').sort()).toEqual([
      'GET',
      'HEAD',
      'OPTIONS',
      'POST',
    ]);
    expect(ran).toEqual(['endware']);
  });

  it('runs an explicit OPTIONS route instead of the automatic answer', async () => {
    const server = await serve((s) => {
      echo(s, 'GET', '/items');
      s.addRoute('OPTIONS', '/items', (e) => e.writeText('custom options'));
    });
    const response = await rawRequest(`${server.url}/items`, { method: 'OPTIONS' });
    expect(response.status).toBe(200);
    expect(response.body).toBe('custom options');
  });

  it('answers OPTIONS on an unknown path with 404', async () => {
    const server = await serve((s) => echo(s, 'GET', '/items'));
    const response = await rawRequest(`${server.url}/none`, { method: 'OPTIONS' });
    expect(response.status).toBe(404);
  });
});

describe('route definitions', () => {
  const start = (setup: Parameters<typeof startServer>[0]) =>
    startServer(
      (s) => {
        s.addEndpoint({ address: '127.0.0.1', port: 0 });
        return setup(s);
      },
      { logger: false, handleSignals: false },
    );

  it('rejects the same method and path twice with "[GET] /users: Already defined."', async () => {
    await expect(
      start((s) => {
        s.addRoute('GET', '/users', (e) => e.writeText('one'));
        s.addRoute('get', '/Users', (e) => e.writeText('two'));
      }),
    ).rejects.toMatchObject({
      name: 'SetupError',
      code: 'PODE_ERR_ROUTE_EXISTS',
      message: '[GET] /Users: Already defined.',
    });
    await expect(
      start((s) => {
        s.addRoute('GET', '/users', (e) => e.writeText('one'));
        s.addRoute('GET', '/users', (e) => e.writeText('two'));
      }),
    ).rejects.toThrow(/^\[GET\] \/users: Already defined\.$/);
  });

  it('treats routes differing only in parameter names as the same route', async () => {
    await expect(
      start((s) => {
        s.addRoute('GET', '/users/:id', (e) => e.writeText('one'));
        s.addRoute('GET', '/users/:name', (e) => e.writeText('two'));
      }),
    ).rejects.toThrow('[GET] /users/:name: Already defined.');
  });

  it('treats a mid-path * and a :param in the same place as the same route', async () => {
    await expect(
      start((s) => {
        s.addRoute('GET', '/a/*/c', (e) => e.writeText('one'));
        s.addRoute('GET', '/a/:x/c', (e) => e.writeText('two'));
      }),
    ).rejects.toMatchObject({
      code: 'PODE_ERR_ROUTE_EXISTS',
      message: '[GET] /a/:x/c: Already defined.',
    });
  });

  it('rejects a path the router cannot use with a coded error naming the route', async () => {
    await expect(
      start((s) => s.addRoute('GET', '/a/**', (e) => e.writeText('x'))),
    ).rejects.toMatchObject({
      name: 'SetupError',
      code: 'PODE_ERR_BAD_ROUTE',
      message: expect.stringContaining('[GET] /a/**'),
    });
    await expect(
      start((s) => s.addRoute('GET', '/a/:id(', (e) => e.writeText('x'))),
    ).rejects.toMatchObject({ name: 'SetupError', code: 'PODE_ERR_BAD_ROUTE' });
  });

  it("keeps the first route with ifExists: 'skip' and the last with 'overwrite'", async () => {
    const server = await serve((s) => {
      s.addRoute('GET', '/skip', (e) => e.writeText('first'));
      s.addRoute({ method: 'GET', path: '/skip', ifExists: 'skip' }, (e) => e.writeText('second'));
      s.addRoute('GET', '/over', (e) => e.writeText('first'));
      s.addRoute({ method: 'GET', path: '/over', ifExists: 'overwrite' }, (e) =>
        e.writeText('second'),
      );
    });
    expect(await (await fetch(`${server.url}/skip`)).text()).toBe('first');
    expect(await (await fetch(`${server.url}/over`)).text()).toBe('second');
  });

  it('allows the same path for different methods', async () => {
    const server = await serve((s) => {
      s.addRoute('GET', '/r', (e) => e.writeText('get'));
      s.addRoute('POST', '/r', (e) => e.writeText('post'));
    });
    expect(await (await fetch(`${server.url}/r`, { method: 'POST' })).text()).toBe('post');
  });

  it('rejects a route with no handler, middleware or authentication with "No logic passed."', async () => {
    await expect(start((s) => s.addRoute({ method: 'GET', path: '/users' }))).rejects.toMatchObject(
      { code: 'PODE_ERR_NO_LOGIC', message: '[GET] /users: No logic passed.' },
    );
  });

  it('accepts a route with only route middleware', async () => {
    const server = await serve((s) =>
      s.addRoute({
        method: 'GET',
        path: '/mw-only',
        middleware: [
          (e) => {
            e.writeText('from middleware');
          },
        ],
      }),
    );
    expect(await (await fetch(`${server.url}/mw-only`)).text()).toBe('from middleware');
  });
});

describe('endpointName', () => {
  it('binds a route to one endpoint: the other answers 404', async () => {
    const server = await serve(
      (s) => {
        s.addEndpoint({ address: '127.0.0.1', port: 0, name: 'public' });
        s.addEndpoint({ address: '127.0.0.1', port: 0, name: 'admin' });
        s.addRoute({ method: 'GET', path: '/admin', endpointName: 'admin' }, (e) =>
          e.writeText('admin'),
        );
        s.addRoute('GET', '/shared', (e) => e.writeText(e.endpoint.name));
      },
      {},
      { endpoint: false },
    );
    const [publicEndpoint, admin] = server.endpoints;
    expect((await fetch(`${publicEndpoint.url}/admin`)).status).toBe(404);
    expect(await (await fetch(`${admin.url}/admin`)).text()).toBe('admin');
    expect(await (await fetch(`${publicEndpoint.url}/shared`)).text()).toBe('public');
    expect(await (await fetch(`${admin.url}/shared`)).text()).toBe('admin');
  });

  it('lets the same method and path be defined once per endpoint', async () => {
    const server = await serve(
      (s) => {
        s.addEndpoint({ address: '127.0.0.1', port: 0, name: 'a' });
        s.addEndpoint({ address: '127.0.0.1', port: 0, name: 'b' });
        s.addRoute({ method: 'GET', path: '/', endpointName: 'a' }, (e) => e.writeText('on a'));
        s.addRoute({ method: 'GET', path: '/', endpointName: 'b' }, (e) => e.writeText('on b'));
      },
      {},
      { endpoint: false },
    );
    expect(await (await fetch(server.endpoints[0].url)).text()).toBe('on a');
    expect(await (await fetch(server.endpoints[1].url)).text()).toBe('on b');
  });

  it('lets an endpoint-bound route win over an unbound one on its endpoint', async () => {
    const server = await serve(
      (s) => {
        s.addEndpoint({ address: '127.0.0.1', port: 0, name: 'a' });
        s.addEndpoint({ address: '127.0.0.1', port: 0, name: 'b' });
        s.addRoute('GET', '/', (e) => e.writeText('anywhere'));
        s.addRoute({ method: 'GET', path: '/', endpointName: 'b' }, (e) => e.writeText('only b'));
      },
      {},
      { endpoint: false },
    );
    expect(await (await fetch(server.endpoints[0].url)).text()).toBe('anywhere');
    expect(await (await fetch(server.endpoints[1].url)).text()).toBe('only b');
  });

  it('binds a route to each endpoint of a list, and to none of the others', async () => {
    const server = await serve(
      (s) => {
        s.addEndpoint({ address: '127.0.0.1', port: 0, name: 'a' });
        s.addEndpoint({ address: '127.0.0.1', port: 0, name: 'b' });
        s.addEndpoint({ address: '127.0.0.1', port: 0, name: 'c' });
        s.addRoute({ method: 'GET', path: '/', endpointName: ['a', 'c', 'a'] }, (e) =>
          e.writeText(`on ${e.endpoint.name}`),
        );
      },
      {},
      { endpoint: false },
    );
    const [a, b, c] = server.endpoints;
    expect(await (await fetch(a.url)).text()).toBe('on a');
    expect((await fetch(b.url)).status).toBe(404);
    expect(await (await fetch(c.url)).text()).toBe('on c');
  });

  it('rejects an empty list of endpoint names', async () => {
    await expect(
      startServer(
        (s) => {
          s.addEndpoint({ address: '127.0.0.1', port: 0, name: 'a' });
          s.addRoute({ method: 'GET', path: '/', endpointName: [] }, (e) => e.writeText('x'));
        },
        { logger: false, handleSignals: false },
      ),
    ).rejects.toMatchObject({ code: 'PODE_ERR_BAD_OPTION' });
  });

  it('rejects a route bound to an endpoint name that does not exist', async () => {
    await expect(
      startServer(
        (s) => {
          s.addEndpoint({ address: '127.0.0.1', port: 0, name: 'a' });
          s.addRoute({ method: 'GET', path: '/', endpointName: 'nope' }, (e) => e.writeText('x'));
        },
        { logger: false, handleSignals: false },
      ),
    ).rejects.toMatchObject({ code: 'PODE_ERR_BAD_ROUTE' });
  });
});
