import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type AuthValidator,
  apiKey,
  basic,
  bearer,
  custom,
  form,
  type UsernamePasswordCredentials,
} from '../../src/index.js';
import { serve } from '../helpers.js';

const basicHeader = (pair: string) => `Basic ${Buffer.from(pair).toString('base64')}`;

const checkMorty: AuthValidator<UsernamePasswordCredentials> = ({ username, password }) =>
  username === 'morty' && password === 'pickle' ? { user: { name: 'Morty' } } : null;

// Every scheme here is sessionless: these tests are about reading credentials, not sessions.
describe('basic()', () => {
  const start = () =>
    serve((s) => {
      s.addAuth('Basic', basic(), checkMorty, { sessionless: true });
      s.addRoute({ method: 'GET', path: '/me', authentication: 'Basic' }, (e) =>
        e.writeJson({ user: e.auth.user, name: e.auth.name, ok: e.auth.isAuthenticated }),
      );
    });

  it('passes { username, password } to the validator and puts the user in e.auth', async () => {
    const server = await start();
    const response = await fetch(`${server.url}/me`, {
      headers: { authorization: basicHeader('morty:pickle') },
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ user: { name: 'Morty' }, name: 'Basic', ok: true });
  });

  it('keeps a colon inside the password and reads UTF-8', async () => {
    const seen: UsernamePasswordCredentials[] = [];
    const server = await serve((s) => {
      s.addAuth(
        'Basic',
        basic(),
        (credentials) => {
          seen.push(credentials);
          return { user: { name: credentials.username } };
        },
        { sessionless: true },
      );
      s.addRoute({ method: 'GET', path: '/', authentication: 'Basic' }, (e) => e.writeText('ok'));
    });
    await fetch(server.url, { headers: { authorization: basicHeader('jörg:a:b:c') } });
    expect(seen).toEqual([{ username: 'jörg', password: 'a:b:c' }]);
  });

  it('answers a wrong password with 401 and WWW-Authenticate: Basic realm="User"', async () => {
    const server = await start();
    const response = await fetch(`${server.url}/me`, {
      headers: { authorization: basicHeader('morty:wrong') },
    });
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe('Basic realm="User"');
  });

  it('answers a missing Authorization header with 401 and the challenge', async () => {
    const server = await start();
    const response = await fetch(`${server.url}/me`);
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe('Basic realm="User"');
  });

  it.each([
    ['another scheme word', 'Bearer abc'],
    ['bad Base64', 'Basic !!!notbase64'],
    ['Base64 with the wrong length', 'Basic bW9ydHk6cGlja2xl='],
    ['no username:password pair', basicHeader('mortypickle')],
    ['an empty value', 'Basic'],
  ])('answers a malformed header (%s) with 400 and no challenge', async (_label, header) => {
    const server = await start();
    const response = await fetch(`${server.url}/me`, { headers: { authorization: header } });
    expect(response.status).toBe(400);
    expect(response.headers.get('www-authenticate')).toBeNull();
  });

  it('takes the realm and header tag from its options', async () => {
    const server = await serve((s) => {
      s.addAuth('Basic', basic({ realm: 'Admins', headerTag: 'Custom' }), checkMorty, {
        sessionless: true,
      });
      s.addRoute({ method: 'GET', path: '/', authentication: 'Basic' }, (e) => e.writeText('ok'));
    });
    const missing = await fetch(server.url);
    expect(missing.headers.get('www-authenticate')).toBe('Custom realm="Admins"');
    const ok = await fetch(server.url, {
      headers: { authorization: `Custom ${Buffer.from('morty:pickle').toString('base64')}` },
    });
    expect(ok.status).toBe(200);
  });

  it('answers any Authorization header with 200, 400 or 401, never an error page of 500', async () => {
    const server = await start();
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.string({ maxLength: 40 }).map((text) => `Basic ${text}`),
          fc.string({ maxLength: 40 }).map((text) => basicHeader(text)),
          fc.string({ maxLength: 40 }),
        ),
        async (header) => {
          const value = header.replace(/[^\x20-\x7e]/g, '');
          const response = await fetch(`${server.url}/me`, {
            headers: value.trim() === '' ? {} : { authorization: value },
          });
          await response.arrayBuffer();
          expect([200, 400, 401]).toContain(response.status);
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe('bearer()', () => {
  const start = () =>
    serve((s) => {
      s.addAuth(
        'Bearer',
        bearer(),
        ({ token }) => (token === 'secret-token' ? { user: { id: 1 } } : { message: 'Bad token' }),
        { sessionless: true },
      );
      s.addRoute({ method: 'GET', path: '/', authentication: 'Bearer' }, (e) =>
        e.writeJson(e.auth.user),
      );
    });

  it('passes { token } to the validator', async () => {
    const server = await start();
    const response = await fetch(server.url, { headers: { authorization: 'Bearer secret-token' } });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ id: 1 });
  });

  it('answers a missing token with 401 and WWW-Authenticate: Bearer realm="User"', async () => {
    const server = await start();
    const response = await fetch(server.url);
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe('Bearer realm="User"');
  });

  it("answers a rejected token with 401 and the validator's message as the reason", async () => {
    const server = await start();
    const response = await fetch(server.url, {
      headers: { authorization: 'Bearer nope', accept: 'application/json' },
    });
    expect(response.status).toBe(401);
    expect(response.statusText).toBe('Bad token');
    expect(await response.json()).toEqual({ status: 401, message: 'Bad token' });
  });

  it('answers a Basic header or an empty token with 400', async () => {
    const server = await start();
    for (const header of [basicHeader('a:b'), 'Bearer ', 'Bearer']) {
      const response = await fetch(server.url, { headers: { authorization: header } });
      expect(response.status).toBe(400);
    }
  });
});

describe('apiKey()', () => {
  const validator: AuthValidator<{ key: string }> = ({ key }) =>
    key === 'k-123' ? { user: { app: 'reporter' } } : null;

  it('reads the key from the X-API-KEY header by default', async () => {
    const server = await serve((s) => {
      s.addAuth('Key', apiKey(), validator, { sessionless: true });
      s.addRoute({ method: 'GET', path: '/', authentication: 'Key' }, (e) =>
        e.writeJson(e.auth.user),
      );
    });
    const ok = await fetch(server.url, { headers: { 'x-api-key': 'k-123' } });
    expect(await ok.json()).toEqual({ app: 'reporter' });
    expect((await fetch(server.url, { headers: { 'x-api-key': 'other' } })).status).toBe(401);
  });

  it('answers a missing key with 400', async () => {
    const server = await serve((s) => {
      s.addAuth('Key', apiKey(), validator, { sessionless: true });
      s.addRoute({ method: 'GET', path: '/', authentication: 'Key' }, (e) => e.writeText('ok'));
    });
    const response = await fetch(server.url);
    expect(response.status).toBe(400);
    expect(response.headers.get('www-authenticate')).toBeNull();
  });

  it('reads the key from a query parameter (api_key by default) or a named cookie', async () => {
    const server = await serve((s) => {
      s.addAuth('Query', apiKey({ location: 'query' }), validator, { sessionless: true });
      s.addAuth('Cookie', apiKey({ location: 'cookie', name: 'key' }), validator, {
        sessionless: true,
      });
      s.addRoute({ method: 'GET', path: '/q', authentication: 'Query' }, (e) => e.writeText('q'));
      s.addRoute({ method: 'GET', path: '/c', authentication: 'Cookie' }, (e) => e.writeText('c'));
    });
    expect((await fetch(`${server.url}/q?api_key=k-123`)).status).toBe(200);
    expect((await fetch(`${server.url}/q?api_key=bad`)).status).toBe(401);
    expect((await fetch(`${server.url}/q`)).status).toBe(400);
    expect((await fetch(`${server.url}/c`, { headers: { cookie: 'key=k-123' } })).status).toBe(200);
    expect((await fetch(`${server.url}/c`)).status).toBe(400);
  });
});

describe('form()', () => {
  it('reads the username and password fields of a urlencoded or JSON body', async () => {
    const server = await serve((s) => {
      s.addAuth('Form', form(), checkMorty, { sessionless: true });
      s.addRoute({ method: 'POST', path: '/login', authentication: 'Form' }, (e) =>
        e.writeJson(e.auth.user),
      );
    });
    const urlencoded = await fetch(`${server.url}/login`, {
      method: 'POST',
      body: new URLSearchParams({ username: 'morty', password: 'pickle' }),
    });
    expect(await urlencoded.json()).toEqual({ name: 'Morty' });
    const json = await fetch(`${server.url}/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'morty', password: 'pickle' }),
    });
    expect(await json.json()).toEqual({ name: 'Morty' });
  });

  it('uses custom field names, answers missing fields with 401 and non-strings with 400', async () => {
    const server = await serve((s) => {
      s.addAuth('Form', form({ usernameField: 'email', passwordField: 'secret' }), checkMorty, {
        sessionless: true,
      });
      s.addRoute({ method: 'POST', path: '/login', authentication: 'Form' }, (e) =>
        e.writeText('in'),
      );
    });
    const post = (body: unknown) =>
      fetch(`${server.url}/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    expect((await post({ email: 'morty', secret: 'pickle' })).status).toBe(200);
    expect((await post({ username: 'morty', password: 'pickle' })).status).toBe(401);
    expect((await post({ email: 'morty' })).status).toBe(401);
    expect((await post({ email: ['morty'], secret: 'pickle' })).status).toBe(400);
    const missing = await post({});
    expect(missing.headers.get('www-authenticate')).toBeNull();
  });
});

describe('custom()', () => {
  it('passes whatever the reader returns to the validator, with the WebEvent', async () => {
    const server = await serve((s) => {
      s.addAuth(
        'Header',
        custom(async (e) => {
          const value = e.headers['x-user'];
          return typeof value === 'string' ? { name: value, from: e.path } : null;
        }),
        async (credentials, e) => ({
          user: { name: credentials.name, from: credentials.from, method: e.method },
        }),
        { sessionless: true },
      );
      s.addRoute({ method: 'GET', path: '/who', authentication: 'Header' }, (e) =>
        e.writeJson(e.auth.user),
      );
    });
    const response = await fetch(`${server.url}/who`, { headers: { 'x-user': 'summer' } });
    expect(await response.json()).toEqual({ name: 'summer', from: '/who', method: 'GET' });
    const none = await fetch(`${server.url}/who`);
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toBeNull();
  });

  it('sends its challenge when one is named', async () => {
    const server = await serve((s) => {
      s.addAuth(
        'Token',
        custom(() => null, { challengeName: 'Token', realm: 'Api' }),
        () => null,
        {
          sessionless: true,
        },
      );
      s.addRoute({ method: 'GET', path: '/', authentication: 'Token' }, (e) => e.writeText('x'));
    });
    const response = await fetch(server.url);
    expect(response.headers.get('www-authenticate')).toBe('Token realm="Api"');
  });
});

describe('validator results', () => {
  it('turns { code } into the status and { message } into the reason; headers are set', async () => {
    const server = await serve((s) => {
      s.addAuth(
        'Basic',
        basic(),
        ({ username }) =>
          username === 'banned'
            ? { code: 403, message: 'Account locked', headers: { 'X-Reason': 'locked' } }
            : username === 'weird'
              ? { code: 99 }
              : null,
        { sessionless: true },
      );
      s.addRoute({ method: 'GET', path: '/', authentication: 'Basic' }, (e) => e.writeText('x'));
    });
    const banned = await fetch(server.url, { headers: { authorization: basicHeader('banned:x') } });
    expect(banned.status).toBe(403);
    expect(banned.statusText).toBe('Account locked');
    expect(banned.headers.get('x-reason')).toBe('locked');
    expect(banned.headers.get('www-authenticate')).toBeNull();
    const weird = await fetch(server.url, { headers: { authorization: basicHeader('weird:x') } });
    expect(weird.status).toBe(401);
  });

  it('uses failureMessage instead of the validator or scheme message', async () => {
    const server = await serve((s) => {
      s.addAuth('Basic', basic(), () => ({ message: 'internal detail' }), {
        sessionless: true,
        failureMessage: 'Go away',
      });
      s.addRoute({ method: 'GET', path: '/', authentication: 'Basic' }, (e) => e.writeText('x'));
    });
    const response = await fetch(server.url, { headers: { authorization: basicHeader('a:b') } });
    expect(response.status).toBe(401);
    expect(response.statusText).toBe('Go away');
  });

  it('answers a validator that throws with 500 and never runs the route', async () => {
    let ran = false;
    const server = await serve((s) => {
      s.addAuth(
        'Basic',
        basic(),
        () => {
          throw new Error('database down');
        },
        { sessionless: true },
      );
      s.addRoute({ method: 'GET', path: '/', authentication: 'Basic' }, () => {
        ran = true;
      });
    });
    const response = await fetch(server.url, { headers: { authorization: basicHeader('a:b') } });
    expect(response.status).toBe(500);
    expect(await response.text()).not.toContain('database down');
    expect(ran).toBe(false);
  });

  it('runs authentication before the route middleware, which then sees e.auth', async () => {
    const order: string[] = [];
    const server = await serve((s) => {
      s.addAuth(
        'Basic',
        basic(),
        (credentials) => {
          order.push('validate');
          return checkMorty(credentials, undefined as never);
        },
        { sessionless: true },
      );
      s.addRoute(
        {
          method: 'GET',
          path: '/',
          authentication: 'Basic',
          middleware: [
            (e) => {
              order.push(`middleware:${String(e.auth.isAuthenticated)}`);
            },
          ],
        },
        (e) => {
          order.push('handler');
          e.writeText('ok');
        },
      );
    });
    await fetch(server.url, { headers: { authorization: basicHeader('morty:pickle') } });
    expect(order).toEqual(['validate', 'middleware:true', 'handler']);
    order.length = 0;
    await fetch(server.url, { headers: { authorization: basicHeader('morty:nope') } });
    expect(order).toEqual(['validate']);
  });
});

describe('allowAnon', () => {
  it('runs the route without credentials, still validates presented ones (wrong → 401)', async () => {
    const server = await serve((s) => {
      s.addAuth('Basic', basic(), checkMorty, { sessionless: true });
      s.addRoute({ method: 'GET', path: '/', authentication: 'Basic', allowAnon: true }, (e) =>
        e.writeJson({ anon: !e.auth.isAuthenticated, user: e.auth.user ?? null }),
      );
    });
    expect(await (await fetch(server.url)).json()).toEqual({ anon: true, user: null });
    const good = await fetch(server.url, {
      headers: { authorization: basicHeader('morty:pickle') },
    });
    expect(await good.json()).toEqual({ anon: false, user: { name: 'Morty' } });
    const bad = await fetch(server.url, { headers: { authorization: basicHeader('morty:bad') } });
    expect(bad.status).toBe(401);
    const malformed = await fetch(server.url, { headers: { authorization: 'Basic %%%' } });
    expect(malformed.status).toBe(400);
  });
});
