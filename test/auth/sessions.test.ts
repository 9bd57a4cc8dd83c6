import { describe, expect, it } from 'vitest';
import {
  type AuthOptions,
  type AuthValidator,
  addFlashMessage,
  basic,
  form,
  getAuthUser,
  getFlashMessage,
  getSessionId,
  type ServerBuilder,
  signValue,
  testAuthUser,
  type UsernamePasswordCredentials,
} from '../../src/index.js';
import { Client, parseSetCookie, serve } from '../helpers.js';

const SECRET = 'a-test-secret-that-is-long-enough-to-be-real';

let validations = 0;
const checkMorty: AuthValidator<UsernamePasswordCredentials> = ({ username, password }) => {
  validations++;
  return username === 'morty' && password === 'pickle'
    ? { user: { id: 7, name: 'Morty' } }
    : { message: 'Invalid username or password' };
};

/** A small form-login site: / needs a login, /login renders or logs in, /logout logs out. */
function site(options: AuthOptions = { failureUrl: '/login', successUrl: '/' }) {
  return (s: ServerBuilder) => {
    s.enableSessionMiddleware({ secret: SECRET });
    s.addAuth('Login', form(), checkMorty, options);
    s.addRoute({ method: 'GET', path: '/', authentication: 'Login' }, (e) =>
      e.writeJson({ user: e.auth.user, name: e.auth.name, sid: getSessionId() }),
    );
    s.addRoute({ method: 'GET', path: '/profile', authentication: 'Login' }, (e) =>
      e.writeJson({ page: 'profile', query: e.query }),
    );
    s.addRoute({ method: 'GET', path: '/login', authentication: 'Login', login: true }, (e) =>
      e.writeJson({ page: 'login', errors: getFlashMessage('auth-error') }),
    );
    s.addRoute({ method: 'POST', path: '/login', authentication: 'Login', login: true }, (e) =>
      e.writeJson({ page: 'posted', user: e.auth.user }),
    );
    s.addRoute({ method: 'POST', path: '/logout', authentication: 'Login', logout: true });
    s.addRoute('GET', '/whoami', (e) =>
      e.writeJson({ user: getAuthUser(), authenticated: testAuthUser(), sid: getSessionId() }),
    );
    s.addRoute('GET', '/touch', (e) => {
      e.session.data.views = 1;
      e.writeText('touched');
    });
  };
}

const login = (client: Client, password = 'pickle') =>
  client.fetch('/login', {
    method: 'POST',
    body: new URLSearchParams({ username: 'morty', password }),
  });

const sidOf = (client: Client) => client.jar.get('pode.sid');

describe('form login kept in the session', () => {
  it('redirects a visitor without a login to failureUrl, with no error message', async () => {
    const server = await serve(site());
    const client = new Client(server.url);
    const response = await client.fetch('/');
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe('/login');
    expect(await client.json('/login')).toEqual({ page: 'login', errors: [] });
  });

  it('renders the login page on GET without checking credentials', async () => {
    const server = await serve(site());
    const before = validations;
    const response = await new Client(server.url).fetch('/login');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ page: 'login', errors: [] });
    expect(validations).toBe(before);
  });

  it('logs in: redirects to successUrl, and later requests carry the user in the session', async () => {
    const server = await serve(site());
    const client = new Client(server.url);
    const response = await login(client);
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe('/');
    const cookie = parseSetCookie(response.headers.getSetCookie()[0]);
    expect(cookie.name).toBe('pode.sid');
    expect(cookie.attributes).toHaveProperty('httponly');
    expect(cookie.attributes.samesite?.toLowerCase()).toBe('lax');
    const home = await client.fetch('/');
    expect(home.status).toBe(200);
    const body = (await home.json()) as { user: unknown; name: string; sid: string };
    expect(body.user).toEqual({ id: 7, name: 'Morty' });
    expect(body.name).toBe('Login');
    // getSessionId returns the id of an authenticated session: the one in the signed cookie.
    expect(sidOf(client)).toBe(signValue(body.sid, SECRET));
  });

  it('answers a wrong password with a redirect to failureUrl and the message in flash auth-error (read once)', async () => {
    const server = await serve(site());
    const client = new Client(server.url);
    const response = await login(client, 'wrong');
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe('/login');
    expect(await client.json('/login')).toEqual({
      page: 'login',
      errors: ['Invalid username or password'],
    });
    expect(await client.json('/login')).toEqual({ page: 'login', errors: [] });
    expect((await client.fetch('/')).status).toBe(302);
  });

  it('uses failureMessage for the flash message when it is set', async () => {
    const server = await serve(
      site({ failureUrl: '/login', successUrl: '/', failureMessage: 'Nope.' }),
    );
    const client = new Client(server.url);
    await client.fetch('/login', { method: 'POST', body: new URLSearchParams({ username: 'x' }) });
    expect(await client.json('/login')).toEqual({ page: 'login', errors: ['Nope.'] });
  });

  it('rotates the session id on login: the cookie from before no longer logs anyone in (fixation)', async () => {
    const server = await serve(site());
    const attacker = new Client(server.url);
    await attacker.fetch('/touch'); // a stored session the attacker knows
    const planted = sidOf(attacker)!;
    expect(planted).toBeDefined();
    const victim = new Client(server.url);
    victim.jar.set('pode.sid', planted);
    expect((await victim.fetch('/touch')).headers.getSetCookie()).toEqual([]); // accepted as is
    await login(victim);
    expect(sidOf(victim)).not.toBe(planted);
    expect((await victim.fetch('/')).status).toBe(200);
    const replay = await attacker.fetch('/');
    expect(replay.status).toBe(302);
    expect(replay.headers.get('location')).toBe('/login');
    expect(await attacker.json('/whoami')).toMatchObject({ user: null, authenticated: false });
  });

  it('starts afresh at login: data from before is dropped unless keepSessionData names it', async () => {
    for (const [options, views] of [
      [{ failureUrl: '/login', successUrl: '/' }, null],
      [{ failureUrl: '/login', successUrl: '/', keepSessionData: ['views'] }, 1],
    ] as const) {
      const server = await serve((s) => {
        site(options)(s);
        s.addRoute('GET', '/views', (e) => e.writeJson({ views: e.session.data.views ?? null }));
      });
      const client = new Client(server.url);
      await client.fetch('/touch');
      await login(client);
      expect(await client.json('/views')).toEqual({ views });
    }
  });

  it('logs out: removes the session, expires the cookie, and the old cookie replayed is not logged in', async () => {
    const server = await serve(site());
    const client = new Client(server.url);
    await login(client);
    const loggedIn = sidOf(client)!;
    const response = await client.fetch('/logout', { method: 'POST' });
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe('/login');
    const expired = parseSetCookie(response.headers.getSetCookie()[0]);
    expect(expired.name).toBe('pode.sid');
    expect(expired.attributes['max-age']).toBe('0');
    expect(sidOf(client)).toBeUndefined();
    const replayer = new Client(server.url);
    replayer.jar.set('pode.sid', loggedIn);
    const replay = await replayer.fetch('/');
    expect(replay.status).toBe(302);
    expect(replay.headers.get('location')).toBe('/login');
  });

  it('answers logout with 401 when there is no failureUrl', async () => {
    const server = await serve(site({ successUrl: '/' }));
    const client = new Client(server.url);
    await login(client);
    const response = await client.fetch('/logout', { method: 'POST' });
    expect(response.status).toBe(401);
    expect((await client.fetch('/')).status).toBe(401);
  });

  it('redirects an authenticated session away from the login page, GET or POST, without validating', async () => {
    const server = await serve(site());
    const client = new Client(server.url);
    await login(client);
    const before = validations;
    const page = await client.fetch('/login');
    expect(page.status).toBe(302);
    expect(page.headers.get('location')).toBe('/');
    const post = await login(client, 'even-a-wrong-one');
    expect(post.status).toBe(302);
    expect(post.headers.get('location')).toBe('/');
    expect(validations).toBe(before);
  });

  it('runs the login route itself after a successful login when there is no successUrl', async () => {
    const server = await serve(site({ failureUrl: '/login' }));
    const client = new Client(server.url);
    const response = await login(client);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ page: 'posted', user: { id: 7, name: 'Morty' } });
  });

  it('stores { user, isAuthenticated, name } under the session key auth', async () => {
    const server = await serve((s) => {
      site()(s);
      s.addRoute('GET', '/raw', (e) => e.writeJson(e.session.data.auth ?? null));
    });
    const client = new Client(server.url);
    expect(await client.json('/raw')).toBeNull();
    await login(client);
    expect(await client.json('/raw')).toEqual({
      user: { id: 7, name: 'Morty' },
      isAuthenticated: true,
      name: 'Login',
    });
  });

  it('getAuthUser, testAuthUser and getSessionId see the login on routes without authentication', async () => {
    const server = await serve(site());
    const client = new Client(server.url);
    expect(await client.json('/whoami')).toEqual({ user: null, authenticated: false, sid: null });
    await login(client);
    const after = (await client.json('/whoami')) as { user: unknown; sid: string | null };
    expect(after).toMatchObject({ user: { id: 7, name: 'Morty' }, authenticated: true });
    expect(typeof after.sid).toBe('string');
  });

  it('throws PODE_ERR_NO_REQUEST from getAuthUser and testAuthUser outside a request', () => {
    expect(() => getAuthUser()).toThrow(expect.objectContaining({ code: 'PODE_ERR_NO_REQUEST' }));
    expect(() => testAuthUser()).toThrow(/testAuthUser\(\) was called outside a request/);
  });
});

describe('successUseOrigin', () => {
  const options: AuthOptions = { failureUrl: '/login', successUrl: '/', successUseOrigin: true };

  it('returns the user to the page first asked for, query included, and forgets it', async () => {
    const server = await serve(site(options));
    const client = new Client(server.url);
    const first = await client.fetch('/profile?tab=2&x=%2F');
    expect(first.status).toBe(302);
    const remembered = first.headers
      .getSetCookie()
      .map(parseSetCookie)
      .find((cookie) => cookie.name === 'pode.redirecturl');
    expect(remembered?.value.startsWith('s:')).toBe(true);
    expect(remembered?.attributes).toHaveProperty('httponly');
    const response = await login(client);
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe('/profile?tab=2&x=%2F');
    expect(client.jar.has('pode.redirecturl')).toBe(false);
    // The next login goes to successUrl again.
    await client.fetch('/logout', { method: 'POST' });
    expect((await login(client)).headers.get('location')).toBe('/');
  });

  it.each([
    '//evil.example/steal',
    'http://evil.example/',
    'https://evil.example/',
    '/\\evil.example',
    '/\\/evil.example',
    'javascript:alert(1)',
    '/ok\r\nSet-Cookie: x=1',
  ])('never redirects to %j, even when the cookie is validly signed', async (target) => {
    const server = await serve(site(options));
    const client = new Client(server.url);
    client.jar.set(
      'pode.redirecturl',
      signValue(Buffer.from(target).toString('base64url'), SECRET),
    );
    const response = await login(client);
    expect(response.headers.get('location')).toBe('/');
  });

  it('ignores a redirect cookie that is unsigned or signed with another secret', async () => {
    const server = await serve(site(options));
    const path = Buffer.from('/profile').toString('base64url');
    for (const value of [path, signValue(path, 'another-secret'), '/profile']) {
      const client = new Client(server.url);
      client.jar.set('pode.redirecturl', value);
      expect((await login(client)).headers.get('location')).toBe('/');
    }
  });
});

describe('sessionless authentication beside sessions', () => {
  const start = () =>
    serve((s) => {
      site()(s);
      s.addAuth('Api', basic(), checkMorty, { sessionless: true });
      s.addRoute({ method: 'GET', path: '/api', authentication: 'Api' }, (e) =>
        e.writeJson({ user: e.auth.user, sid: getSessionId() }),
      );
    });

  it('always validates its own credentials, even with a logged-in session', async () => {
    const server = await start();
    const client = new Client(server.url);
    await login(client);
    const response = await client.fetch('/api');
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe('Basic realm="User"');
  });

  it('does not store the user in the session or rotate its id', async () => {
    const server = await start();
    const client = new Client(server.url);
    await client.fetch('/touch');
    const before = sidOf(client);
    const response = await client.fetch('/api', {
      headers: { authorization: `Basic ${Buffer.from('morty:pickle').toString('base64')}` },
    });
    expect(response.status).toBe(200);
    expect(response.headers.getSetCookie()).toEqual([]);
    expect(sidOf(client)).toBe(before);
    expect(await client.json('/whoami')).toMatchObject({ user: null, authenticated: false });
  });
});

describe('failures on protected routes (not login routes)', () => {
  it('flashes auth-error when credentials were presented and rejected, not when there were none', async () => {
    const server = await serve((s) => {
      s.enableSessionMiddleware({ secret: SECRET });
      s.addAuth('Basic', basic(), checkMorty, { failureUrl: '/denied' });
      s.addRoute({ method: 'GET', path: '/secret', authentication: 'Basic' }, (e) =>
        e.writeText('secret'),
      );
      s.addRoute('GET', '/denied', (e) => e.writeJson(getFlashMessage('auth-error')));
    });
    const client = new Client(server.url);
    const none = await client.fetch('/secret');
    expect(none.headers.get('location')).toBe('/denied');
    expect(await client.json('/denied')).toEqual([]);
    const wrong = await client.fetch('/secret', {
      headers: { authorization: `Basic ${Buffer.from('morty:no').toString('base64')}` },
    });
    expect(wrong.headers.get('location')).toBe('/denied');
    expect(await client.json('/denied')).toEqual(['Invalid username or password']);
  });

  it('answers 401 with the challenge when there is no failureUrl, sessions or not', async () => {
    const server = await serve((s) => {
      s.enableSessionMiddleware({ secret: SECRET });
      s.addAuth('Basic', basic(), checkMorty);
      s.addRoute({ method: 'GET', path: '/', authentication: 'Basic' }, (e) =>
        e.writeJson(e.auth.user),
      );
    });
    const client = new Client(server.url);
    const response = await client.fetch('/');
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe('Basic realm="User"');
    const ok = await client.fetch('/', {
      headers: { authorization: `Basic ${Buffer.from('morty:pickle').toString('base64')}` },
    });
    expect(await ok.json()).toEqual({ id: 7, name: 'Morty' });
    // The login is now in the session: no credentials needed any more.
    expect(await client.json('/')).toEqual({ id: 7, name: 'Morty' });
  });
});

describe('addAuthSession', () => {
  it('passes when the session holds a user, else redirects to its failureUrl', async () => {
    const server = await serve((s) => {
      site()(s);
      s.addAuthSession('Session', { failureUrl: '/login' });
      s.addAuthSession('SessionApi');
      s.addRoute({ method: 'GET', path: '/dash', authentication: 'Session' }, (e) =>
        e.writeJson({ user: e.auth.user, name: e.auth.name }),
      );
      s.addRoute({ method: 'GET', path: '/api/me', authentication: 'SessionApi' }, (e) =>
        e.writeJson(e.auth.user),
      );
    });
    const client = new Client(server.url);
    const anonymous = await client.fetch('/dash');
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get('location')).toBe('/login');
    expect((await client.fetch('/api/me')).status).toBe(401);
    await login(client);
    expect(await client.json('/dash')).toEqual({ user: { id: 7, name: 'Morty' }, name: 'Login' });
    expect(await client.json('/api/me')).toEqual({ id: 7, name: 'Morty' });
  });
});

describe('allowAnon with sessions', () => {
  it('shows the logged-in user, and runs for anonymous visitors too', async () => {
    const server = await serve((s) => {
      site()(s);
      s.addRoute({ method: 'GET', path: '/news', authentication: 'Login', allowAnon: true }, (e) =>
        e.writeJson({ user: e.auth.user ?? null }),
      );
    });
    const client = new Client(server.url);
    expect(await client.json('/news')).toEqual({ user: null });
    await login(client);
    expect(await client.json('/news')).toEqual({ user: { id: 7, name: 'Morty' } });
  });
});

describe('flash messages across a redirect', () => {
  it('a message added before a redirect is read on the next page', async () => {
    const server = await serve((s) => {
      s.enableSessionMiddleware({ secret: SECRET });
      s.addRoute('POST', '/save', (e) => {
        addFlashMessage('info', 'Saved.');
        e.redirect('/done');
      });
      s.addRoute('GET', '/done', (e) => e.writeJson(getFlashMessage('info')));
    });
    const client = new Client(server.url);
    await client.fetch('/save', { method: 'POST' });
    expect(await client.json('/done')).toEqual(['Saved.']);
  });
});

describe("scope: 'tab'", () => {
  it('shares a login between the tabs of one browser, while their data stays apart', async () => {
    const server = await serve((s) => {
      s.enableSessionMiddleware({ secret: SECRET, scope: 'tab' });
      s.addAuth('Login', form(), checkMorty, { failureUrl: '/login' });
      s.addRoute({ method: 'POST', path: '/login', authentication: 'Login', login: true }, (e) =>
        e.writeText('in'),
      );
      s.addRoute({ method: 'GET', path: '/', authentication: 'Login' }, (e) => {
        e.session.data.views = (e.session.data.views ?? 0) + 1;
        e.writeJson({ user: e.auth.user, views: e.session.data.views });
      });
    });
    const client = new Client(server.url);
    const tab = (id: string) => ({ headers: { 'x-pode-session-tab-id': id } });
    const response = await client.fetch('/login', {
      method: 'POST',
      body: new URLSearchParams({ username: 'morty', password: 'pickle' }),
      ...tab('tab-a'),
    });
    expect(response.status).toBe(200);
    expect(await client.json('/', tab('tab-a'))).toEqual({
      user: { id: 7, name: 'Morty' },
      views: 1,
    });
    expect(await client.json('/', tab('tab-b'))).toEqual({
      user: { id: 7, name: 'Morty' },
      views: 1,
    });
    expect(await client.json('/', tab('tab-a'))).toMatchObject({ views: 2 });
  });
});
