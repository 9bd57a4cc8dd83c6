import { describe, expect, it } from 'vitest';
import { basic, type Middleware } from '../../src/index.js';
import { serve, setupFailure } from '../helpers.js';
import { makeSite } from '../static/fixtures.js';

const root = makeSite({
  'content/assets/images/logo.svg': '<svg/>',
  'content/assets/videos/clip.txt': 'clip',
  'content/assets/docs/a.txt': 'a',
});

const mark =
  (name: string, order: string[]): Middleware =>
  () => {
    order.push(name);
  };

const basicHeader = `Basic ${Buffer.from('morty:pickle').toString('base64')}`;

describe('route groups', () => {
  it('prefix the paths of the routes inside and run the group middleware before theirs', async () => {
    const order: string[] = [];
    const server = await serve((s) => {
      s.addRouteGroup({ path: '/api', middleware: [mark('group', order)] }, (g) => {
        g.addRoute('GET', '/users', (e) => e.writeJson({ users: [] }));
        g.addRoute({ method: 'POST', path: '/users', middleware: [mark('route', order)] }, (e) =>
          e.writeJson({ created: true }, { statusCode: 201 }),
        );
      });
      s.addRoute('GET', '/users', (e) => e.writeText('outside'));
    });
    expect(await (await fetch(`${server.url}/api/users`)).json()).toEqual({ users: [] });
    const created = await fetch(`${server.url}/api/users`, { method: 'POST' });
    expect(created.status).toBe(201);
    expect(order).toEqual(['group', 'group', 'route']);
    expect(await (await fetch(`${server.url}/users`)).text()).toBe('outside');
  });

  it('nest: prefixes and middleware add up, from the outermost group in', async () => {
    const order: string[] = [];
    const server = await serve((s) => {
      s.addRouteGroup({ path: '/api', middleware: [mark('outer', order)] }, (g) => {
        g.addRouteGroup({ path: '/v1/', middleware: [mark('inner', order)] }, (inner) => {
          inner.addRoute(
            { method: 'GET', path: '/items/:id', middleware: [mark('route', order)] },
            (e) => e.writeJson({ id: e.parameters.id, route: e.route?.path }),
          );
        });
      });
    });
    expect(await (await fetch(`${server.url}/api/v1/items/7`)).json()).toEqual({
      id: '7',
      route: '/api/v1/items/:id',
    });
    expect(order).toEqual(['outer', 'inner', 'route']);
  });

  it('share an authentication that a route inside may replace', async () => {
    const server = await serve((s) => {
      s.addAuth(
        'Basic',
        basic(),
        ({ username, password }) =>
          username === 'morty' && password === 'pickle' ? { user: { name: 'Morty' } } : null,
        { sessionless: true },
      );
      s.addAuth('Other', basic({ realm: 'Other' }), () => null, { sessionless: true });
      s.addRouteGroup({ path: '/admin', authentication: 'Basic' }, (g) => {
        g.addRoute('GET', '/panel', (e) => e.writeJson({ user: e.auth.user }));
        g.addRoute({ method: 'GET', path: '/other', authentication: 'Other' }, (e) =>
          e.writeText('never'),
        );
      });
    });
    expect((await fetch(`${server.url}/admin/panel`)).status).toBe(401);
    const authorised = await fetch(`${server.url}/admin/panel`, {
      headers: { authorization: basicHeader },
    });
    expect(await authorised.json()).toEqual({ user: { name: 'Morty' } });
    const other = await fetch(`${server.url}/admin/other`, {
      headers: { authorization: basicHeader },
    });
    expect(other.status).toBe(401);
    expect(other.headers.get('www-authenticate')).toBe('Basic realm="Other"');
  });

  it('bind the routes inside to the group endpoint', async () => {
    const server = await serve(
      (s) => {
        s.addEndpoint({ address: '127.0.0.1', port: 0, name: 'public' });
        s.addEndpoint({ address: '127.0.0.1', port: 0, name: 'admin' });
        s.addRouteGroup({ path: '/ops', endpointName: 'admin' }, (g) => {
          g.addRoute('GET', '/health', (e) => e.writeText('ok'));
        });
      },
      {},
      { endpoint: false },
    );
    const [publicEndpoint, adminEndpoint] = server.endpoints;
    expect((await fetch(`${adminEndpoint.url}/ops/health`)).status).toBe(200);
    expect((await fetch(`${publicEndpoint.url}/ops/health`)).status).toBe(404);
  });

  it('give routes inside their errorContentType and ifExists unless they say', async () => {
    const server = await serve((s) => {
      s.addRoute('GET', '/api/dup', (e) => e.writeText('first'));
      s.addRouteGroup(
        { path: '/api', errorContentType: 'application/json', ifExists: 'skip' },
        (g) => {
          g.addRoute('GET', '/dup', (e) => e.writeText('second'));
          g.addRoute('GET', '/fail', (e) => e.setStatus(400));
        },
      );
    });
    expect(await (await fetch(`${server.url}/api/dup`)).text()).toBe('first');
    expect(await (await fetch(`${server.url}/api/fail`)).json()).toEqual({
      status: 400,
      message: 'Bad Request',
    });
  });

  it('throw at start-up for a path that is not one, routes that are not a function, or async routes', async () => {
    const path = (await setupFailure((s) => s.addRouteGroup({ path: 'api' }, () => {}))) as {
      code: string;
    };
    expect(path.code).toBe('PODE_ERR_BAD_ROUTE');
    const notFunction = (await setupFailure((s) =>
      s.addRouteGroup({ path: '/api' }, 'nope' as never),
    )) as { code: string };
    expect(notFunction.code).toBe('PODE_ERR_BAD_HANDLER');
    const asynchronous = (await setupFailure((s) =>
      s.addRouteGroup({ path: '/api' }, async () => {}),
    )) as { code: string; message: string };
    expect(asynchronous.message).toContain('must be synchronous');
    const inner = (await setupFailure((s) =>
      s.addRouteGroup({ path: '/api' }, (g) => {
        g.addRoute('GET', '/x', (e) => e.writeText('1'));
        g.addRoute('GET', '/x', (e) => e.writeText('2'));
      }),
    )) as { message: string };
    expect(inner.message).toBe('[GET] /api/x: Already defined.');
  });
});

describe('static route groups', () => {
  it('serve each static route from the group source joined with its own, under the group path', async () => {
    const server = await serve(
      (s) => {
        s.addStaticRouteGroup({ path: '/assets', source: './content/assets' }, (g) => {
          g.addStaticRoute('/images', '/images');
          g.addStaticRoute('/videos', '/videos');
        });
      },
      { root },
    );
    const logo = await fetch(`${server.url}/assets/images/logo.svg`);
    expect(logo.headers.get('content-type')).toBe('image/svg+xml');
    expect(await logo.text()).toBe('<svg/>');
    expect(await (await fetch(`${server.url}/assets/videos/clip.txt`)).text()).toBe('clip');
    expect((await fetch(`${server.url}/assets/docs/a.txt`)).status).toBe(404);
  });

  it('hand their static options and middleware to the routes inside', async () => {
    const order: string[] = [];
    const server = await serve(
      (s) => {
        s.addStaticRouteGroup(
          {
            path: '/files',
            source: './content',
            downloadOnly: true,
            middleware: [mark('group', order)],
          },
          (g) => {
            g.addStaticRoute('/docs', './assets/docs');
            g.addStaticRoute('/pics', './assets/images', { downloadOnly: false });
          },
        );
      },
      { root },
    );
    const doc = await fetch(`${server.url}/files/docs/a.txt`);
    expect(doc.headers.get('content-disposition')).toBe('attachment; filename="a.txt"');
    const pic = await fetch(`${server.url}/files/pics/logo.svg`);
    expect(pic.headers.get('content-disposition')).toBeNull();
    expect(order).toEqual(['group', 'group']);
  });

  it('may hold ordinary routes and nest in route groups', async () => {
    const server = await serve(
      (s) => {
        s.addRouteGroup({ path: '/site' }, (g) => {
          g.addStaticRouteGroup({ path: '/static', source: './content/assets' }, (inner) => {
            inner.addStaticRoute('/img', '/images');
            inner.addRoute('GET', '/info', (e) => e.writeText('info'));
          });
        });
      },
      { root },
    );
    expect(await (await fetch(`${server.url}/site/static/img/logo.svg`)).text()).toBe('<svg/>');
    expect(await (await fetch(`${server.url}/site/static/info`)).text()).toBe('info');
  });
});
