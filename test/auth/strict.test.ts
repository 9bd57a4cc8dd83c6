/**
 * A session logged in through one authentication on a route that names another (issue 14, item
 * 9): accepted by default, as in Pode; refused on a route with `strictAuthentication`, which only
 * takes a login made through its own authentication. The session records which one made it.
 */
import { describe, expect, it } from 'vitest';
import { basic, form, type ServerBuilder } from '../../src/index.js';
import { Client, serve, setupFailure } from '../helpers.js';

const SECRET = 'a-test-secret-that-is-long-enough-to-be-real';

/** Users log in at /login (form, 'User') or /admin/login (basic, 'Admin'). */
function site(s: ServerBuilder): void {
  s.enableSessionMiddleware({ secret: SECRET });
  s.addAuth('User', form(), ({ username, password }) =>
    password === 'user-pass' ? { user: { name: username, role: 'user' } } : null,
  );
  s.addAuth(
    'Admin',
    basic(),
    ({ username, password }) =>
      password === 'admin-pass' ? { user: { name: username, role: 'admin' } } : null,
    { failureUrl: '/admin/login' },
  );
  const show = (e: Parameters<Parameters<ServerBuilder['addEndware']>[0]>[0]) =>
    e.writeJson({ user: e.auth.user, name: e.auth.name, stored: e.session.data.auth ?? null });
  s.addRoute({ method: 'POST', path: '/login', authentication: 'User' }, show);
  s.addRoute({ method: 'GET', path: '/admin/lax', authentication: 'Admin' }, show);
  s.addRoute(
    { method: 'GET', path: '/admin/strict', authentication: 'Admin', strictAuthentication: true },
    show,
  );
  s.addRoute(
    {
      method: 'GET',
      path: '/admin/login',
      authentication: 'Admin',
      login: true,
      strictAuthentication: true,
    },
    (e) => e.writeText('admin login page'),
  );
  s.addRoute(
    { method: 'POST', path: '/admin/login', authentication: 'Admin', strictAuthentication: true },
    show,
  );
}

async function userLogin(client: Client): Promise<void> {
  const response = await client.fetch('/login', {
    method: 'POST',
    body: new URLSearchParams({ username: 'summer', password: 'user-pass' }),
  });
  expect(response.status).toBe(200);
}

const basicHeader = (user: string, password: string) => ({
  authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`,
});

describe('a session logged in through another authentication', () => {
  it("records the authentication that made the login in the session's auth data", async () => {
    const server = await serve(site);
    const client = new Client(server.url);
    await userLogin(client);
    const answer = await client.json<{ stored: unknown }>('/admin/lax');
    expect(answer.stored).toEqual({
      user: { name: 'summer', role: 'user' },
      isAuthenticated: true,
      name: 'User',
    });
  });

  it("is accepted by default on a route that names another authentication (Pode's behaviour)", async () => {
    const server = await serve(site);
    const client = new Client(server.url);
    await userLogin(client);
    const response = await client.fetch('/admin/lax');
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ user: { role: 'user' }, name: 'User' });
  });

  it('is refused on a strictAuthentication route, which then asks for its own credentials', async () => {
    const server = await serve(site);
    const client = new Client(server.url);
    await userLogin(client);
    const refused = await client.fetch('/admin/strict');
    expect(refused.status).toBe(302);
    expect(refused.headers.get('location')).toBe('/admin/login');
    // the strict login page renders for it instead of bouncing it back
    const page = await client.fetch('/admin/login');
    expect(page.status).toBe(200);
    expect(await page.text()).toBe('admin login page');
    // the user's own login still works where it is accepted
    expect((await client.fetch('/admin/lax')).status).toBe(200);
  });

  it('passes a strictAuthentication route once logged in through its own authentication', async () => {
    const server = await serve(site);
    const client = new Client(server.url);
    await userLogin(client);
    const login = await client.fetch('/admin/login', {
      method: 'POST',
      headers: basicHeader('rick', 'admin-pass'),
    });
    expect(login.status).toBe(200);
    const answer = await client.json<{ name: string; stored: { name: string } }>('/admin/strict');
    expect(answer).toMatchObject({
      name: 'Admin',
      stored: { name: 'Admin', user: { role: 'admin' } },
    });
  });

  it('validates credentials sent to a strictAuthentication route with another login in the session', async () => {
    const server = await serve(site);
    const client = new Client(server.url);
    await userLogin(client);
    const wrong = await client.fetch('/admin/strict', { headers: basicHeader('rick', 'nope') });
    expect(wrong.status).toBe(302);
    const right = await client.fetch('/admin/strict', {
      headers: basicHeader('rick', 'admin-pass'),
    });
    expect(right.status).toBe(200);
    expect(await right.json()).toMatchObject({ name: 'Admin', user: { role: 'admin' } });
  });
});

describe('strictAuthentication set-up', () => {
  it('needs an authentication on the route', async () => {
    const error = (await setupFailure((s) => {
      s.addRoute({ method: 'GET', path: '/x', strictAuthentication: true }, (e) => e.writeText(''));
    })) as { code: string; message: string };
    expect(error.code).toBe('PODE_ERR_BAD_ROUTE');
    expect(error.message).toBe('[GET] /x: strictAuthentication needs an authentication.');
  });

  it('cannot name an addAuthSession authentication, through which no login is ever made', async () => {
    const error = (await setupFailure((s) => {
      s.enableSessionMiddleware();
      s.addAuthSession('Session');
      s.addRoute(
        { method: 'GET', path: '/x', authentication: 'Session', strictAuthentication: true },
        (e) => e.writeText(''),
      );
    })) as { code: string; message: string };
    expect(error.code).toBe('PODE_ERR_BAD_ROUTE');
    expect(error.message).toContain("strictAuthentication cannot be used with 'Session'");
  });
});

describe('strictAuthentication on a route group', () => {
  it('makes every route of the group strict, login routes included', async () => {
    const server = await serve((s) => {
      s.enableSessionMiddleware({ secret: SECRET });
      s.addAuth('User', form(), ({ username }) => ({ user: { name: username } }));
      s.addAuth('Admin', basic(), ({ password }) =>
        password === 'admin-pass' ? { user: { name: 'rick' } } : null,
      );
      s.addRoute({ method: 'POST', path: '/login', authentication: 'User' }, (e) =>
        e.writeText('in'),
      );
      s.addRouteGroup(
        { path: '/admin', authentication: 'Admin', strictAuthentication: true },
        (g) => {
          g.addRoute('GET', '/', (e) => e.writeJson({ name: e.auth.name }));
          g.addRoute({ method: 'GET', path: '/lax', strictAuthentication: false }, (e) =>
            e.writeJson({ name: e.auth.name }),
          );
        },
      );
    });
    const client = new Client(server.url);
    await userLogin(client);
    expect((await client.fetch('/admin/')).status).toBe(401);
    expect(await client.json('/admin/lax')).toEqual({ name: 'User' });
    const admin = await client.fetch('/admin/', { headers: basicHeader('rick', 'admin-pass') });
    expect(await admin.json()).toEqual({ name: 'Admin' });
  });
});
