import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { matches } from '../../src/access/registry.js';
import {
  basic,
  form,
  newAccessScheme,
  type ServerBuilder,
  testAccess,
  testAccessUser,
  type UsernamePasswordCredentials,
  type WebEvent,
} from '../../src/index.js';
import { Client, serve } from '../helpers.js';

const basicHeader = (pair: string) => `Basic ${Buffer.from(pair).toString('base64')}`;

type Person = {
  Username: string;
  Roles: string[];
  Groups?: string[];
  Scopes?: string[];
  Metadata?: { Country?: string; teams?: string[] };
};

const people: Record<string, Person> = {
  morty: {
    Username: 'morty',
    Roles: ['Developer'],
    Groups: ['Software'],
    Scopes: ['read'],
    Metadata: { Country: 'UK', teams: ['Blue'] },
  },
  rick: {
    Username: 'rick',
    Roles: ['Admin', 'Developer'],
    Groups: ['Software', 'Ops'],
    Scopes: ['read', 'write'],
    Metadata: { Country: 'US', teams: ['Red'] },
  },
};

const validate = ({ username, password }: UsernamePasswordCredentials) =>
  people[username] !== undefined && password === 'pickle' ? { user: people[username] } : null;

const asUser = (name: string) => ({ headers: { authorization: basicHeader(`${name}:pickle`) } });

function setup(s: ServerBuilder): void {
  s.addAuth('Basic', basic(), validate, { sessionless: true });
  s.addAccess('Rbac', newAccessScheme({ type: 'role' }));
  s.addAccess('Gbac', newAccessScheme({ type: 'group' }), { match: 'all' });
  s.addAccess('Sbac', newAccessScheme({ type: 'scope' }));
  s.addAccess('Ubac', newAccessScheme({ type: 'user' }));
  s.addAccess('Teams', newAccessScheme({ type: 'group', path: 'metadata.TEAMS' }));
  s.addAccess('NotOps', newAccessScheme({ type: 'group' }), { match: 'none' });
  s.addAccess('Country', newAccessScheme({ type: 'custom', path: 'Metadata' }), {
    scriptBlock: (user, route) =>
      user.some((value) =>
        route.some(
          (wanted) =>
            (value as { Country?: string }).Country === (wanted as { Country?: string }).Country,
        ),
      ),
  });
  const ok = (e: WebEvent) =>
    e.writeJson({ user: (e.auth.user as Person).Username, authorised: e.auth.isAuthorised });
  s.addRoute(
    { method: 'GET', path: '/admin', authentication: 'Basic', access: 'Rbac', role: ['admin'] },
    ok,
  );
  s.addRoute(
    {
      method: 'GET',
      path: '/both',
      authentication: 'Basic',
      access: 'Gbac',
      group: ['Software', 'Ops'],
    },
    ok,
  );
  s.addRoute(
    { method: 'GET', path: '/write', authentication: 'Basic', access: 'Sbac', scope: ['write'] },
    ok,
  );
  s.addRoute(
    { method: 'GET', path: '/mortys', authentication: 'Basic', access: 'Ubac', user: ['morty'] },
    ok,
  );
  s.addRoute(
    { method: 'GET', path: '/blue', authentication: 'Basic', access: 'Teams', group: ['blue'] },
    ok,
  );
  s.addRoute(
    { method: 'GET', path: '/no-ops', authentication: 'Basic', access: 'NotOps', group: ['Ops'] },
    ok,
  );
  s.addRoute(
    {
      method: 'GET',
      path: '/uk',
      authentication: 'Basic',
      access: 'Country',
      customAccess: { Country: { Country: 'UK' } },
    },
    ok,
  );
  s.addRoute({ method: 'GET', path: '/anyone', authentication: 'Basic', access: 'Rbac' }, ok);
}

describe('access on routes', () => {
  it('answers 401 before 403: no credentials get the scheme challenge, not an access check', async () => {
    const server = await serve(setup);
    const response = await fetch(`${server.url}/admin`);
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe('Basic realm="User"');
    const wrong = await fetch(`${server.url}/admin`, {
      headers: { authorization: basicHeader('morty:wrong') },
    });
    expect(wrong.status).toBe(401);
  });

  it.each([
    ['/admin', 'rick', 200],
    ['/admin', 'morty', 403],
    ['/both', 'rick', 200],
    ['/both', 'morty', 403],
    ['/write', 'rick', 200],
    ['/write', 'morty', 403],
    ['/mortys', 'morty', 200],
    ['/mortys', 'rick', 403],
    ['/blue', 'morty', 200],
    ['/blue', 'rick', 403],
    ['/no-ops', 'morty', 200],
    ['/no-ops', 'rick', 403],
    ['/uk', 'morty', 200],
    ['/uk', 'rick', 403],
    ['/anyone', 'morty', 200],
  ])('GET %s as %s → %i', async (path, user, status) => {
    const server = await serve(setup);
    const response = await fetch(`${server.url}${path}`, asUser(user));
    expect(response.status).toBe(status);
    if (status === 200) {
      expect(await response.json()).toEqual({ user, authorised: true });
    }
  });

  it('role values match case-insensitively and a route without values lets every user in', async () => {
    const server = await serve(setup);
    // '/admin' wants 'admin'; rick holds 'Admin'.
    expect((await fetch(`${server.url}/admin`, asUser('rick'))).status).toBe(200);
    expect((await fetch(`${server.url}/anyone`, asUser('rick'))).status).toBe(200);
  });

  it('a scriptBlock reads values from a store; an async one too; a throwing one is a 500 and the server lives', async () => {
    let fail = false;
    const server = await serve((s) => {
      s.addAuth('Basic', basic(), validate, { sessionless: true });
      s.addAccess(
        'Store',
        newAccessScheme({
          type: 'scope',
          scriptBlock: async (user) => {
            if (fail) throw new Error('store down');
            return (user as Person).Username === 'rick' ? 'deploy' : ['read'];
          },
        }),
      );
      s.addRoute(
        {
          method: 'GET',
          path: '/deploy',
          authentication: 'Basic',
          access: 'Store',
          scope: ['deploy'],
        },
        (e) => e.writeText('deployed'),
      );
    });
    expect((await fetch(`${server.url}/deploy`, asUser('rick'))).status).toBe(200);
    expect((await fetch(`${server.url}/deploy`, asUser('morty'))).status).toBe(403);
    fail = true;
    expect((await fetch(`${server.url}/deploy`, asUser('rick'))).status).toBe(500);
    fail = false;
    expect((await fetch(`${server.url}/deploy`, asUser('rick'))).status).toBe(200);
  });

  it('an anonymous user on an allowAnon route with access values gets 403', async () => {
    const server = await serve((s) => {
      s.addAuth('Basic', basic(), validate, { sessionless: true });
      s.addAccess('Rbac', newAccessScheme({ type: 'role' }));
      s.addRoute(
        {
          method: 'GET',
          path: '/',
          authentication: 'Basic',
          allowAnon: true,
          access: 'Rbac',
          role: ['Developer'],
        },
        (e) => e.writeText('in'),
      );
    });
    expect((await fetch(server.url)).status).toBe(403);
    expect((await fetch(server.url, asUser('morty'))).status).toBe(200);
  });
});

describe('s.addAccessCustom', () => {
  it('gives routes already added their custom values; a second time for one name throws', async () => {
    const server = await serve((s) => {
      s.addAuth('Basic', basic(), validate, { sessionless: true });
      s.addAccess('Country', newAccessScheme({ type: 'custom', path: 'Metadata.Country' }), {
        scriptBlock: (user, route) => route.includes(user[0]),
      });
      s.addRoute(
        { method: ['GET', 'POST'], path: '/us', authentication: 'Basic', access: 'Country' },
        (e) => e.writeText('us'),
      );
      s.addAccessCustom({ method: ['GET', 'POST'], path: '/us' }, 'Country', 'US');
    });
    expect((await fetch(`${server.url}/us`, asUser('rick'))).status).toBe(200);
    expect((await fetch(`${server.url}/us`, { ...asUser('morty'), method: 'POST' })).status).toBe(
      403,
    );
    const error = await serve((s) => {
      s.addRoute({ method: 'GET', path: '/x', customAccess: { Country: 'UK' } }, () => {});
      s.addAccessCustom({ method: 'GET', path: '/x' }, 'Country', 'US');
    }).catch((reason: unknown) => reason);
    expect(error).toMatchObject({ code: 'PODE_ERR_BAD_ROUTE' });
    const missing = await serve((s) => {
      s.addAccessCustom({ method: 'GET', path: '/nowhere' }, 'Country', 'US');
    }).catch((reason: unknown) => reason);
    expect(missing).toMatchObject({ code: 'PODE_ERR_BAD_ROUTE' });
  });
});

describe('access on route groups', () => {
  it('a group hands down its access and prepends its roles to each route’s', async () => {
    const server = await serve((s) => {
      s.addAuth('Basic', basic(), validate, { sessionless: true });
      s.addAccess('Rbac', newAccessScheme({ type: 'role' }), { match: 'all' });
      s.addRouteGroup(
        { path: '/api', authentication: 'Basic', access: 'Rbac', role: ['Developer'] },
        (g) => {
          g.addRoute('GET', '/code', (e) => e.writeText('code'));
          g.addRoute({ method: 'GET', path: '/ops', role: ['Admin'] }, (e) => e.writeText('ops'));
        },
      );
    });
    expect((await fetch(`${server.url}/api/code`, asUser('morty'))).status).toBe(200);
    expect((await fetch(`${server.url}/api/ops`, asUser('morty'))).status).toBe(403);
    expect((await fetch(`${server.url}/api/ops`, asUser('rick'))).status).toBe(200);
    expect((await fetch(`${server.url}/api/ops`)).status).toBe(401);
  });
});

describe('merged access and access middleware', () => {
  it('mergeAccess valid one lets either through; valid all needs both', async () => {
    const server = await serve((s) => {
      s.addAuth('Basic', basic(), validate, { sessionless: true });
      s.addAccess('Rbac', newAccessScheme({ type: 'role' }));
      s.addAccess('Ubac', newAccessScheme({ type: 'user' }));
      s.mergeAccess('Either', { access: ['Rbac', 'Ubac'] });
      s.mergeAccess('Both', { access: ['Rbac', 'Ubac'], valid: 'all' });
      const opts = { authentication: 'Basic', role: ['Admin'], user: ['morty'] };
      s.addRoute({ method: 'GET', path: '/either', access: 'Either', ...opts }, (e) =>
        e.writeText('ok'),
      );
      s.addRoute({ method: 'GET', path: '/both', access: 'Both', ...opts }, (e) =>
        e.writeText('ok'),
      );
    });
    expect((await fetch(`${server.url}/either`, asUser('morty'))).status).toBe(200);
    expect((await fetch(`${server.url}/either`, asUser('rick'))).status).toBe(200);
    expect((await fetch(`${server.url}/both`, asUser('morty'))).status).toBe(403);
    expect((await fetch(`${server.url}/both`, asUser('rick'))).status).toBe(403);
  });

  it('a route naming several access methods needs every one of them', async () => {
    const server = await serve((s) => {
      s.addAuth('Basic', basic(), validate, { sessionless: true });
      s.addAccess('Rbac', newAccessScheme({ type: 'role' }));
      s.addAccess('Sbac', newAccessScheme({ type: 'scope' }));
      s.addRoute(
        {
          method: 'GET',
          path: '/',
          authentication: 'Basic',
          access: ['Rbac', 'Sbac'],
          role: 'Developer',
          scope: 'write',
        },
        (e) => e.writeText('ok'),
      );
    });
    expect((await fetch(server.url, asUser('rick'))).status).toBe(200);
    expect((await fetch(server.url, asUser('morty'))).status).toBe(403);
  });

  it('addAccessMiddleware checks every matching route after addAuthMiddleware', async () => {
    const server = await serve((s) => {
      s.addAuth('Basic', basic(), validate, { sessionless: true });
      s.addAuthMiddleware('GlobalAuth', { authentication: 'Basic', route: '/api/*' });
      s.addAccess('Rbac', newAccessScheme({ type: 'role' }));
      s.addAccessMiddleware('GlobalAccess', { access: 'Rbac', route: '/api/*' });
      s.addRoute({ method: 'GET', path: '/api/admin', role: ['Admin'] }, (e) =>
        e.writeText('admin'),
      );
      s.addRoute('GET', '/api/open', (e) => e.writeText('open'));
      s.addRoute('GET', '/public', (e) => e.writeText('public'));
    });
    expect((await fetch(`${server.url}/api/admin`)).status).toBe(401);
    expect((await fetch(`${server.url}/api/admin`, asUser('morty'))).status).toBe(403);
    expect((await fetch(`${server.url}/api/admin`, asUser('rick'))).status).toBe(200);
    expect((await fetch(`${server.url}/api/open`, asUser('morty'))).status).toBe(200);
    expect((await fetch(`${server.url}/public`)).status).toBe(200);
  });
});

describe('sessions: access is checked on every request', () => {
  it('a role revoked in the store takes effect on the next request of a logged-in session', async () => {
    const roles = new Map<string, string[]>([['morty', ['Developer']]]);
    const server = await serve((s) => {
      s.enableSessionMiddleware({ duration: 120 });
      s.addAuth(
        'Login',
        form(),
        ({ username, password }) =>
          password === 'pickle' ? { user: { Username: username } } : null,
        { failureUrl: '/login' },
      );
      s.addAccess(
        'Rbac',
        newAccessScheme({
          type: 'role',
          scriptBlock: (user) => roles.get((user as { Username: string }).Username) ?? [],
        }),
      );
      s.addRoute({ method: 'POST', path: '/login', authentication: 'Login', login: true }, (e) =>
        e.writeText('in'),
      );
      s.addRoute(
        {
          method: 'GET',
          path: '/code',
          authentication: 'Login',
          access: 'Rbac',
          role: ['Developer'],
        },
        (e) => e.writeText('code'),
      );
    });
    const client = new Client(server.url);
    // Not logged in: the authentication's redirect comes first, not a 403.
    const anonymous = await client.fetch('/code');
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get('location')).toBe('/login');
    const login = await client.fetch('/login', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'username=morty&password=pickle',
    });
    expect(login.status).toBe(200);
    expect((await client.fetch('/code')).status).toBe(200);
    roles.set('morty', []);
    expect((await client.fetch('/code')).status).toBe(403);
    roles.set('morty', ['developer']);
    expect((await client.fetch('/code')).status).toBe(200);
  });
});

describe('testAccess and testAccessUser', () => {
  it('test values in a route handler', async () => {
    const server = await serve((s) => {
      s.addAuth('Basic', basic(), validate, { sessionless: true });
      s.addAccess('Rbac', newAccessScheme({ type: 'role' }));
      s.addAccess('All', newAccessScheme({ type: 'role' }), { match: 'all' });
      s.addRoute({ method: 'GET', path: '/', authentication: 'Basic' }, async (e) =>
        e.writeJson({
          admin: await testAccessUser('Rbac', ['Admin']),
          noValues: await testAccess('Rbac', { source: ['x'] }),
          source: await testAccess('All', { source: ['a', 'B'], destination: ['b', 'A'] }),
          missing: await testAccess('All', { source: ['a'], destination: ['a', 'c'] }),
        }),
      );
    });
    expect(await (await fetch(server.url, asUser('rick'))).json()).toEqual({
      admin: true,
      noValues: true,
      source: true,
      missing: false,
    });
    expect((await (await fetch(server.url, asUser('morty'))).json()) as object).toMatchObject({
      admin: false,
    });
  });
});

describe('set-up errors', () => {
  const route = { method: 'GET', path: '/' };
  it.each([
    [
      'an unknown access name',
      (s: ServerBuilder) => {
        s.addAuth('Basic', basic(), validate, { sessionless: true });
        s.addRoute({ ...route, authentication: 'Basic', access: 'Nope' }, () => {});
      },
      'PODE_ERR_ACCESS_UNKNOWN',
    ],
    [
      'access without authentication',
      (s: ServerBuilder) => {
        s.addAccess('Rbac', newAccessScheme({ type: 'role' }));
        s.addRoute({ ...route, access: 'Rbac' }, () => {});
      },
      'PODE_ERR_BAD_ROUTE',
    ],
    [
      'a duplicate access name',
      (s: ServerBuilder) => {
        s.addAccess('Rbac', newAccessScheme({ type: 'role' }));
        s.addAccess('Rbac', newAccessScheme({ type: 'group' }));
      },
      'PODE_ERR_ACCESS_EXISTS',
    ],
    [
      'a custom scheme without path or scriptBlock',
      () => newAccessScheme({ type: 'custom' }),
      'PODE_ERR_BAD_OPTION',
    ],
    [
      'an unknown scheme type',
      () => newAccessScheme({ type: 'colour' as 'role' }),
      'PODE_ERR_BAD_OPTION',
    ],
    [
      'a misspelt option',
      (s: ServerBuilder) =>
        s.addAccess('R', newAccessScheme({ type: 'role' }), { mach: 'all' } as object),
      'PODE_ERR_UNKNOWN_OPTION',
    ],
    [
      'merging an unknown access',
      (s: ServerBuilder) => s.mergeAccess('M', { access: ['Nope'] }),
      'PODE_ERR_ACCESS_UNKNOWN',
    ],
    [
      'access on a static route without authentication',
      (s: ServerBuilder) => {
        s.addAccess('Rbac', newAccessScheme({ type: 'role' }));
        s.addStaticRouteGroup({ path: '/files', source: '.', access: 'Rbac' }, (g) => {
          g.addStaticRoute('/docs', '.');
        });
      },
      'PODE_ERR_BAD_ROUTE',
    ],
    [
      'roles that are not strings',
      (s: ServerBuilder) => s.addRoute({ ...route, role: [1] as unknown as string[] }, () => {}),
      'PODE_ERR_BAD_ROUTE',
    ],
  ])('%s throws at start-up', async (_label, fn, code) => {
    await expect(serve(fn)).rejects.toMatchObject({ code });
  });
});

describe('matches() (property)', () => {
  const values = fc.array(fc.constantFrom('a', 'B', 'c', 'D', 'e'), { maxLength: 5 });
  it('one is the negation of none, and all implies one, for any non-empty destination', () => {
    fc.assert(
      fc.property(values, values, (source, destination) => {
        fc.pre(destination.length > 0);
        expect(matches('one', source, destination)).toBe(!matches('none', source, destination));
        if (matches('all', source, destination)) {
          expect(matches('one', source, destination)).toBe(true);
        }
        expect(matches('one', source, [])).toBe(true);
      }),
    );
  });
});
