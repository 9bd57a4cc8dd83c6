import { describe, expect, it } from 'vitest';
import { type AuthTriggeredEvent, basic, form } from '../../src/index.js';
import { Client, serve, setupFailure } from '../helpers.js';

const basicHeader = (pair: string) => `Basic ${Buffer.from(pair).toString('base64')}`;

describe('s.registerAuthEvent (Register-PodeAuthEvent)', () => {
  it('runs login events on each successful login and logout events on a logout route', async () => {
    const seen: string[] = [];
    const server = await serve((s) => {
      s.enableSessionMiddleware({ duration: 120 });
      s.addAuth(
        'Login',
        form(),
        ({ username }) => (username === 'morty' ? { user: { Name: 'Morty' } } : null),
        {
          failureUrl: '/login',
          successUrl: '/',
        },
      );
      s.registerAuthEvent('Login', 'login', 'AuthLogin', (evt: AuthTriggeredEvent) => {
        seen.push(
          `${evt.type}:${evt.name}:${String(evt.user.Name)}:${evt.timestamp instanceof Date}`,
        );
      });
      s.registerAuthEvent(['Login'], 'logout', 'AuthLogout', async (evt) => {
        seen.push(`${evt.type}:${String(evt.user.Name)}`);
      });
      s.registerAuthEvent('Login', 'logout', 'Broken', () => {
        throw new Error('listener failed');
      });
      s.addRoute({ method: 'GET', path: '/', authentication: 'Login' }, (e) => e.writeText('home'));
      s.addRoute({ method: 'POST', path: '/login', authentication: 'Login', login: true });
      s.addRoute({ method: 'POST', path: '/logout', authentication: 'Login', logout: true });
    });
    const client = new Client(server.url);
    const post = (path: string, body = '') =>
      client.fetch(path, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body,
      });
    expect((await post('/login', 'username=rick&password=x')).headers.get('location')).toBe(
      '/login',
    );
    expect(seen).toEqual([]);
    expect((await post('/login', 'username=morty&password=x')).headers.get('location')).toBe('/');
    expect((await client.fetch('/')).status).toBe(200);
    expect(seen).toEqual(['login:Login:Morty:true']);
    const out = await post('/logout');
    expect(out.headers.get('location')).toBe('/login');
    expect(seen).toEqual(['login:Login:Morty:true', 'logout:Morty']);
    expect((await client.fetch('/')).headers.get('location')).toBe('/login');
  });

  it('sessionless: every request that authenticates is a login', async () => {
    let logins = 0;
    const server = await serve((s) => {
      s.addAuth('B', basic(), () => ({ user: { n: 1 } }), { sessionless: true });
      s.registerAuthEvent('B', 'login', 'Count', () => {
        logins++;
      });
      s.addRoute({ method: 'GET', path: '/', authentication: 'B' }, (e) => e.writeText('ok'));
    });
    for (let i = 0; i < 3; i++) {
      await fetch(server.url, { headers: { authorization: basicHeader('a:b') } });
    }
    expect(logins).toBe(3);
  });

  it('refuses an unknown authentication, a bad type, a duplicate event and a non-function at set-up', async () => {
    const cases: [Parameters<typeof serve>[0], RegExp][] = [
      [(s) => s.registerAuthEvent('Nope', 'login', 'E', () => {}), /does not exist: Nope/],
      [
        (s) => {
          s.addAuth('B', basic(), () => null, { sessionless: true });
          s.registerAuthEvent('B', 'signin' as 'login', 'E', () => {});
        },
        /type must be 'login' or 'logout'/,
      ],
      [
        (s) => {
          s.addAuth('B', basic(), () => null, { sessionless: true });
          s.registerAuthEvent('B', 'login', 'E', () => {});
          s.registerAuthEvent('B', 'login', 'E', () => {});
        },
        /already registered/,
      ],
      [
        (s) => {
          s.addAuth('B', basic(), () => null, { sessionless: true });
          s.registerAuthEvent('B', 'login', 'E', 'x' as unknown as () => void);
        },
        /must be a function/,
      ],
    ];
    for (const [setup, message] of cases) {
      expect(String(await setupFailure(setup))).toMatch(message);
    }
  });
});
