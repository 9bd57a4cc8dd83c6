/**
 * A session planted before the login is worthless after it (issue 14, item 3): the login starts a
 * new session under a new id with none of the data from before (but the keys an authentication
 * keeps on purpose), and a new CSRF secret, so a token the attacker fetched with the planted
 * cookie (session mode) or the planted `pode.csrf` cookie (`useCookies`) is refused after the
 * login, and after a logout.
 */
import { describe, expect, it } from 'vitest';
import {
  type AuthOptions,
  addFlashMessage,
  form,
  MemoryStore,
  newCsrfToken,
  type ServerBuilder,
} from '../../src/index.js';
import { Client, serve, setupFailure } from '../helpers.js';

const SECRET = 'a-test-secret-that-is-long-enough-to-be-real';
const CSRF_SECRET = 'another-test-secret-for-the-csrf-cookie';

interface SiteOptions {
  auth?: AuthOptions;
  useCookies?: boolean;
  storage?: MemoryStore;
}

/** A login site with CSRF on: /token, /set?k=v, /data, POST /login, POST /logout, POST /submit. */
function site({ auth = {}, useCookies = false, storage }: SiteOptions = {}) {
  return (s: ServerBuilder) => {
    s.enableSessionMiddleware({ secret: SECRET, storage });
    s.enableCsrfMiddleware(useCookies ? { useCookies: true, secret: CSRF_SECRET } : {});
    s.addAuth(
      'Login',
      form(),
      ({ username, password }) => (password === 'pickle' ? { user: { name: username } } : null),
      auth,
    );
    s.addRoute('GET', '/token', (e) => e.writeJson({ token: newCsrfToken() }));
    s.addRoute('GET', '/set', (e) => {
      for (const [key, value] of Object.entries(e.query)) e.session.data[key] = value;
      addFlashMessage('notice', 'planted before the login');
      e.writeJson({ token: newCsrfToken() });
    });
    s.addRoute('GET', '/data', (e) => e.writeJson(e.session.data));
    // No successUrl: the login route runs after the login and hands out a token of the new session.
    s.addRoute({ method: 'POST', path: '/login', authentication: 'Login', login: true }, (e) =>
      e.writeJson({ token: newCsrfToken() }),
    );
    s.addRoute({ method: 'POST', path: '/logout', authentication: 'Login', logout: true });
    s.addRoute('POST', '/submit', (e) => e.writeText('done'));
  };
}

const post = (client: Client, path: string, body: Record<string, string>) =>
  client.fetch(path, { method: 'POST', body: new URLSearchParams(body) });

const submit = (client: Client, token: string) => post(client, '/submit', { 'pode.csrf': token });

/** The attacker's session and token; then the victim's browser carries the attacker's cookies. */
async function plant(url: string) {
  const attacker = new Client(url);
  const { token } = await attacker.json<{ token: string }>('/set?cart=planted&lang=xx');
  expect((await submit(attacker, token)).status).toBe(200); // the token works before the login
  const victim = new Client(url);
  for (const [name, value] of attacker.jar) victim.jar.set(name, value);
  return { attacker, victim, token };
}

async function logIn(victim: Client): Promise<string> {
  const { token: pageToken } = await victim.json<{ token: string }>('/token');
  const login = await post(victim, '/login', {
    'pode.csrf': pageToken,
    username: 'victim',
    password: 'pickle',
  });
  expect(login.status).toBe(200);
  return ((await login.json()) as { token: string }).token;
}

describe('a login with a planted session', () => {
  it('keeps none of the data from before the login, flash messages and CSRF secret included', async () => {
    const storage = new MemoryStore();
    const server = await serve(site({ storage }));
    const { attacker, victim } = await plant(server.url);
    const planted = attacker.jar.get('pode.sid')!;
    const plantedId = planted.slice(2, planted.lastIndexOf('.'));
    expect(storage.get(plantedId)?.data).toMatchObject({ cart: 'planted', lang: 'xx' });
    await logIn(victim);
    const data = await victim.json<Record<string, unknown>>('/data');
    expect(Object.keys(data).sort()).toEqual(['auth', 'pode.csrf']);
    expect(data['pode.csrf']).not.toBe(storage.get(plantedId)?.data['pode.csrf']);
    expect(data.auth).toMatchObject({ isAuthenticated: true, name: 'Login' });
    // the planted record is gone, and the attacker's cookie opens nothing
    expect(storage.get(plantedId)).toBeNull();
    expect(await attacker.json('/data')).toEqual({});
  });

  it('carries over exactly the keys named in keepSessionData', async () => {
    const server = await serve(site({ auth: { keepSessionData: ['cart', 'missing'] } }));
    const { victim } = await plant(server.url);
    await logIn(victim);
    const data = await victim.json<Record<string, unknown>>('/data');
    expect(data.cart).toBe('planted');
    expect(Object.keys(data).sort()).toEqual(['auth', 'cart', 'pode.csrf']);
  });

  it("refuses the attacker's CSRF token after the victim logs in, and accepts the victim's new one (session mode)", async () => {
    const server = await serve(site());
    const { victim, token } = await plant(server.url);
    const afterLogin = await logIn(victim);
    expect((await submit(victim, token)).status).toBe(403);
    expect((await submit(victim, afterLogin)).status).toBe(200);
    const { token: later } = await victim.json<{ token: string }>('/token');
    expect((await submit(victim, later)).status).toBe(200);
    expect((await submit(victim, token)).status).toBe(403);
  });

  it("refuses the attacker's CSRF token after the victim logs in, and accepts the victim's new one (useCookies)", async () => {
    const server = await serve(site({ useCookies: true }));
    const { victim, token } = await plant(server.url);
    const plantedCsrf = victim.jar.get('pode.csrf');
    expect(plantedCsrf).toBeDefined();
    const afterLogin = await logIn(victim);
    expect(victim.jar.get('pode.csrf')).not.toBe(plantedCsrf);
    expect((await submit(victim, token)).status).toBe(403);
    expect((await submit(victim, afterLogin)).status).toBe(200);
  });

  it('expires the pode.csrf cookie at a login that makes no new token (useCookies)', async () => {
    const server = await serve((s) => {
      site({ useCookies: true })(s);
      s.addRoute({ method: 'POST', path: '/quiet-login', authentication: 'Login' }, (e) =>
        e.writeText('in'),
      );
    });
    const { victim, token } = await plant(server.url);
    const login = await post(victim, '/quiet-login', {
      'pode.csrf': token,
      username: 'victim',
      password: 'pickle',
    });
    expect(login.status).toBe(200);
    const line = login.headers.getSetCookie().find((l) => l.startsWith('pode.csrf='));
    expect(line).toMatch(/Max-Age=0/i);
    expect(victim.jar.has('pode.csrf')).toBe(false);
    expect((await submit(victim, token)).status).toBe(403);
  });
});

describe('a logout', () => {
  for (const useCookies of [false, true]) {
    it(`refuses every CSRF token issued before it (${useCookies ? 'useCookies' : 'session mode'})`, async () => {
      const server = await serve(site({ useCookies }));
      const client = new Client(server.url);
      const { token } = await client.json<{ token: string }>('/token');
      const inside = await post(client, '/login', {
        'pode.csrf': token,
        username: 'u',
        password: 'pickle',
      });
      const loggedIn = ((await inside.json()) as { token: string }).token;
      expect((await submit(client, loggedIn)).status).toBe(200);
      const logout = await post(client, '/logout', { 'pode.csrf': loggedIn });
      expect(logout.status).toBe(401);
      expect((await submit(client, loggedIn)).status).toBe(403);
      const { token: fresh } = await client.json<{ token: string }>('/token');
      expect((await submit(client, fresh)).status).toBe(200);
    });
  }
});

describe('keepSessionData set-up', () => {
  it('rejects keys a login must start afresh, and anything but an array of keys', async () => {
    for (const [keep, message] of [
      [['auth'], "keepSessionData cannot keep 'auth'"],
      [['cart', 'pode.csrf'], "keepSessionData cannot keep 'pode.csrf'"],
      ['cart', 'keepSessionData must be an array of session data keys'],
      [[''], 'keepSessionData must be an array of session data keys'],
    ] as const) {
      const error = (await setupFailure((s) => {
        s.enableSessionMiddleware();
        s.addAuth('Login', form(), () => null, {
          keepSessionData: keep as unknown as string[],
        });
      })) as { code: string; message: string };
      expect(error.code).toBe('PODE_ERR_BAD_OPTION');
      expect(error.message).toContain(message);
    }
  });
});
