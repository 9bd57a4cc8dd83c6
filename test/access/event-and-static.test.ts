import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  basic,
  getAuthUser,
  newAccessScheme,
  type ServerBuilder,
  testAccess,
  testAccessExists,
  testAccessRoute,
  testAccessUser,
  testAuthUser,
  type UsernamePasswordCredentials,
} from '../../src/index.js';
import { serve } from '../helpers.js';

const people: Record<string, { Username: string; Roles: string[]; Groups: string[] }> = {
  morty: { Username: 'morty', Roles: ['Developer'], Groups: ['Software'] },
  rick: { Username: 'rick', Roles: ['Admin'], Groups: ['Ops'] },
};
const validate = ({ username, password }: UsernamePasswordCredentials) =>
  people[username] !== undefined && password === 'pickle' ? { user: people[username] } : null;
const as = (name: string, password = 'pickle') => ({
  headers: { authorization: `Basic ${Buffer.from(`${name}:${password}`).toString('base64')}` },
});

function schemes(s: ServerBuilder): void {
  s.addAuth('Basic', basic(), validate, { sessionless: true });
  s.addAccess('Rbac', newAccessScheme({ type: 'role' }));
  s.addAccess('Gbac', newAccessScheme({ type: 'group' }));
}

describe('access checks as WebEvent methods and free functions', () => {
  it('e.testAccess* and the free functions give the same answers', async () => {
    const server = await serve((s) => {
      schemes(s);
      s.addRoute(
        { method: 'GET', path: '/check', authentication: 'Basic', role: 'Admin' },
        async (e) => {
          const method = {
            user: await e.testAccessUser('Rbac', ['Admin']),
            route: await e.testAccessRoute('Rbac'),
            values: await e.testAccess('Rbac', { source: ['a'], destination: ['A', 'b'] }),
            exists: e.testAccessExists('Gbac'),
            missing: e.testAccessExists('Nope'),
            authUser: (e.getAuthUser() as { Username: string } | null)?.Username,
            authenticated: e.testAuthUser(),
          };
          const free = {
            user: await testAccessUser('Rbac', ['Admin']),
            route: await testAccessRoute('Rbac'),
            values: await testAccess('Rbac', { source: ['a'], destination: ['A', 'b'] }),
            exists: testAccessExists('Gbac'),
            missing: testAccessExists('Nope'),
            authUser: (getAuthUser() as { Username: string } | null)?.Username,
            authenticated: testAuthUser(),
          };
          e.writeJson({ method, free });
        },
      );
    });
    const rick = await (await fetch(`${server.url}/check`, as('rick'))).json();
    const rickExpected = {
      user: true,
      route: true,
      values: true,
      exists: true,
      missing: false,
      authUser: 'rick',
      authenticated: true,
    };
    expect(rick).toEqual({ method: rickExpected, free: rickExpected });
    const morty = await (await fetch(`${server.url}/check`, as('morty'))).json();
    const mortyExpected = { ...rickExpected, user: false, route: false, authUser: 'morty' };
    expect(morty).toEqual({ method: mortyExpected, free: mortyExpected });
  });

  it('a check on a server without access methods answers 500 and the server keeps running', async () => {
    const server = await serve((s) => {
      s.addRoute('GET', '/check', async (e) => e.writeJson(await e.testAccess('Rbac')));
      s.addRoute('GET', '/exists', (e) => e.writeJson(e.testAccessExists('Rbac')));
      s.addRoute('GET', '/who', (e) =>
        e.writeJson({ user: e.getAuthUser(), in: e.testAuthUser() }),
      );
    });
    expect((await fetch(`${server.url}/check`)).status).toBe(500);
    expect(await (await fetch(`${server.url}/exists`)).json()).toBe(false);
    expect(await (await fetch(`${server.url}/who`)).json()).toEqual({ user: null, in: false });
  });

  it('an unknown access name in e.testAccessUser answers 500, not a crash', async () => {
    const server = await serve((s) => {
      schemes(s);
      s.addRoute({ method: 'GET', path: '/', authentication: 'Basic' }, async (e) =>
        e.writeJson(await e.testAccessUser('Nope', ['x'])),
      );
    });
    expect((await fetch(server.url, as('rick'))).status).toBe(500);
    expect((await fetch(server.url, as('rick'))).status).toBe(500);
  });
});

describe('access on static routes and static route groups', () => {
  const root = mkdtempSync(join(tmpdir(), 'pode-ts-static-access-'));
  mkdirSync(join(root, 'reports'));
  mkdirSync(join(root, 'ops'));
  writeFileSync(join(root, 'reports', 'q1.txt'), 'quarter one');
  writeFileSync(join(root, 'reports', 'index.html'), '<p>reports</p>');
  writeFileSync(join(root, 'ops', 'runbook.txt'), 'restart it');
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  const setup = (s: ServerBuilder) => {
    schemes(s);
    s.addStaticRoute('/reports', './reports', {
      authentication: 'Basic',
      access: 'Rbac',
      role: ['Admin', 'Developer'],
    });
    s.addStaticRouteGroup(
      { path: '/internal', source: '.', authentication: 'Basic', access: 'Gbac', group: 'Ops' },
      (g) => {
        g.addStaticRoute('/ops', './ops');
        g.addStaticRoute('/reports', './reports', { group: 'Software' });
      },
    );
    s.addRouteGroup({ path: '/admin', authentication: 'Basic', access: 'Rbac' }, (g) => {
      g.addStaticRoute('/files', './reports', { role: 'Admin' });
    });
  };

  it('401 before 403, and files only to allowed users', async () => {
    const server = await serve(setup, { root });
    const get = (path: string, init?: RequestInit) => fetch(`${server.url}${path}`, init);

    const anonymous = await get('/reports/q1.txt');
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('www-authenticate')).toBe('Basic realm="User"');
    expect(await anonymous.text()).not.toContain('quarter one');
    expect((await get('/reports/q1.txt', as('rick', 'wrong'))).status).toBe(401);
    const allowed = await get('/reports/q1.txt', as('morty'));
    expect(allowed.status).toBe(200);
    expect(await allowed.text()).toBe('quarter one');
    expect(await (await get('/reports', as('rick'))).text()).toBe('<p>reports</p>');

    // A group's access and values apply to its static routes; a route adds values to the group's.
    expect((await get('/internal/ops/runbook.txt')).status).toBe(401);
    const denied = await get('/internal/ops/runbook.txt', as('morty'));
    expect(denied.status).toBe(403);
    expect(await denied.text()).not.toContain('restart it');
    expect(await (await get('/internal/ops/runbook.txt', as('rick'))).text()).toBe('restart it');
    expect((await get('/internal/reports/q1.txt', as('morty'))).status).toBe(200);

    // A static route inside an ordinary group with access.
    expect((await get('/admin/files/q1.txt')).status).toBe(401);
    expect((await get('/admin/files/q1.txt', as('morty'))).status).toBe(403);
    expect((await get('/admin/files/q1.txt', as('rick'))).status).toBe(200);

    // Not found stays not found for an allowed user; the server keeps running after bad input.
    expect((await get('/reports/missing.txt', as('rick'))).status).toBe(404);
    expect((await get('/reports/../ops/runbook.txt', as('morty'))).status).not.toBe(200);
    expect((await get('/reports/q1.txt', as('morty'))).status).toBe(200);
  });

  it('HEAD is checked like GET', async () => {
    const server = await serve(setup, { root });
    const head = (init: RequestInit) =>
      fetch(`${server.url}/internal/ops/runbook.txt`, { ...init, method: 'HEAD' });
    expect((await head({})).status).toBe(401);
    expect((await head(as('morty'))).status).toBe(403);
    expect((await head(as('rick'))).status).toBe(200);
  });

  it.each([
    [
      'an unknown access name on a static route',
      (s: ServerBuilder) => {
        schemes(s);
        s.addStaticRoute('/r', './reports', { authentication: 'Basic', access: 'Nope' });
      },
      'PODE_ERR_ACCESS_UNKNOWN',
    ],
    [
      'access on a static route without authentication',
      (s: ServerBuilder) => {
        schemes(s);
        s.addStaticRoute('/r', './reports', { access: 'Rbac' });
      },
      'PODE_ERR_BAD_ROUTE',
    ],
    [
      'roles that are not strings on a static route group',
      (s: ServerBuilder) => {
        schemes(s);
        s.addStaticRouteGroup(
          { path: '/g', authentication: 'Basic', access: 'Rbac', role: [1] as never },
          (g) => g.addStaticRoute('/r', './reports'),
        );
      },
      'PODE_ERR_BAD_ROUTE',
    ],
  ])('%s throws at start-up', async (_label, fn, code) => {
    await expect(serve(fn, { root })).rejects.toMatchObject({ code });
  });
});
