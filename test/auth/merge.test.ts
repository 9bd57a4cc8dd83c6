import { describe, expect, it } from 'vitest';
import { apiKey, basic, form, type ServerBuilder } from '../../src/index.js';
import { Client, serve } from '../helpers.js';

const basicHeader = (pair: string) => `Basic ${Buffer.from(pair).toString('base64')}`;

function schemes(s: ServerBuilder): void {
  s.addAuth(
    'Key',
    apiKey(),
    ({ key }) =>
      key === 'k-123' ? { user: { id: 'key-user', via: 'key' } } : { message: 'bad key' },
    { sessionless: true },
  );
  s.addAuth(
    'Basic',
    basic(),
    ({ username, password }) =>
      password === 'pickle' ? { user: { id: username, via: 'basic' } } : null,
    { sessionless: true },
  );
}

const echo = (s: ServerBuilder, auth: string) =>
  s.addRoute({ method: 'GET', path: '/', authentication: auth }, (e) =>
    e.writeJson({ user: e.auth.user, name: e.auth.name }),
  );

describe('s.mergeAuth valid one', () => {
  const start = () =>
    serve((s) => {
      schemes(s);
      s.mergeAuth('Either', { authentication: ['Key', 'Basic'] });
      echo(s, 'Either');
    });

  it('the first authentication that succeeds wins: its user, and its name in e.auth.name', async () => {
    const server = await start();
    const both = await fetch(server.url, {
      headers: { 'x-api-key': 'k-123', authorization: basicHeader('morty:pickle') },
    });
    expect(await both.json()).toEqual({ user: { id: 'key-user', via: 'key' }, name: 'Key' });
    const basicOnly = await fetch(server.url, {
      headers: { authorization: basicHeader('morty:pickle') },
    });
    expect(await basicOnly.json()).toEqual({ user: { id: 'morty', via: 'basic' }, name: 'Basic' });
  });

  it('when all fail, the answer is the failure with a challenge (Basic’s 401), not the api key’s 400', async () => {
    const server = await start();
    const response = await fetch(server.url);
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe('Basic realm="User"');
    const wrong = await fetch(server.url, {
      headers: { 'x-api-key': 'nope', authorization: basicHeader('morty:wrong') },
    });
    expect(wrong.status).toBe(401);
  });
});

describe('s.mergeAuth valid all', () => {
  it('needs every authentication; scriptBlock merges the users; e.auth.name is the merge', async () => {
    const server = await serve((s) => {
      schemes(s);
      s.mergeAuth('Both', {
        authentication: ['Key', 'Basic'],
        valid: 'all',
        scriptBlock: (results) => ({
          user: { id: results.Basic.user.id, key: results.Key.user.id },
        }),
      });
      echo(s, 'Both');
    });
    const ok = await fetch(server.url, {
      headers: { 'x-api-key': 'k-123', authorization: basicHeader('morty:pickle') },
    });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ user: { id: 'morty', key: 'key-user' }, name: 'Both' });
    const keyOnly = await fetch(server.url, { headers: { 'x-api-key': 'k-123' } });
    expect(keyOnly.status).toBe(401);
    const basicOnly = await fetch(server.url, {
      headers: { authorization: basicHeader('morty:pickle') },
    });
    expect(basicOnly.status).toBe(400); // the api key's failure answers first
  });

  it('mergeDefault keeps that authentication’s user', async () => {
    const server = await serve((s) => {
      schemes(s);
      s.mergeAuth('Both', {
        authentication: ['Key', 'Basic'],
        valid: 'all',
        mergeDefault: 'Basic',
      });
      echo(s, 'Both');
    });
    const ok = await fetch(server.url, {
      headers: { 'x-api-key': 'k-123', authorization: basicHeader('rick:pickle') },
    });
    expect(await ok.json()).toEqual({ user: { id: 'rick', via: 'basic' }, name: 'Both' });
  });

  it('a merge throwing in scriptBlock is a 500 and the server keeps running', async () => {
    const server = await serve((s) => {
      schemes(s);
      s.mergeAuth('Both', {
        authentication: ['Key', 'Basic'],
        valid: 'all',
        scriptBlock: () => {
          throw new Error('merge broke');
        },
      });
      echo(s, 'Both');
    });
    const headers = { 'x-api-key': 'k-123', authorization: basicHeader('rick:pickle') };
    expect((await fetch(server.url, { headers })).status).toBe(500);
    expect((await fetch(server.url, { headers: { 'x-api-key': 'k-123' } })).status).toBe(401);
  });
});

describe('s.mergeAuth with sessions', () => {
  it('inherits the failureUrl of the default authentication and keeps the login in the session', async () => {
    const server = await serve((s) => {
      s.enableSessionMiddleware({ duration: 120 });
      s.addAuth(
        'Login',
        form(),
        ({ username, password }) => (password === 'pickle' ? { user: { id: username } } : null),
        { failureUrl: '/login' },
      );
      s.addAuth('Key', apiKey(), ({ key }) => (key === 'k' ? { user: { id: 'api' } } : null));
      s.mergeAuth('Site', { authentication: ['Login', 'Key'] });
      s.addRoute({ method: 'POST', path: '/login', authentication: 'Site', login: true }, (e) =>
        e.writeText('in'),
      );
      echo(s, 'Site');
    });
    const client = new Client(server.url);
    const anonymous = await client.fetch('/');
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get('location')).toBe('/login');
    await client.fetch('/login', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'username=morty&password=pickle',
    });
    const me = await client.fetch('/');
    expect(me.status).toBe(200);
    expect(await me.json()).toEqual({ user: { id: 'morty' }, name: 'Login' });
  });
});

describe('s.addAuthMiddleware', () => {
  it('authenticates every route under its path, and none outside it', async () => {
    const server = await serve((s) => {
      schemes(s);
      s.addAuthMiddleware('ApiAuth', { authentication: 'Basic', route: '/api/*' });
      s.addRoute('GET', '/api/me', (e) => e.writeJson(e.auth.user));
      s.addRoute('GET', '/home', (e) => e.writeJson({ authenticated: e.auth.isAuthenticated }));
    });
    const anonymous = await fetch(`${server.url}/api/me`);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('www-authenticate')).toBe('Basic realm="User"');
    const me = await fetch(`${server.url}/api/me`, {
      headers: { authorization: basicHeader('morty:pickle') },
    });
    expect(await me.json()).toEqual({ id: 'morty', via: 'basic' });
    expect(await (await fetch(`${server.url}/home`)).json()).toEqual({ authenticated: false });
  });
});

describe('set-up errors', () => {
  it.each([
    [
      'an unknown authentication',
      (s: ServerBuilder) => s.mergeAuth('M', { authentication: ['Nope'] }),
      'PODE_ERR_AUTH_UNKNOWN',
    ],
    [
      "valid: 'all' without scriptBlock or mergeDefault",
      (s: ServerBuilder) => {
        schemes(s);
        s.mergeAuth('M', { authentication: ['Key', 'Basic'], valid: 'all' });
      },
      'PODE_ERR_BAD_OPTION',
    ],
    [
      'a mergeDefault not in the list',
      (s: ServerBuilder) => {
        schemes(s);
        s.mergeAuth('M', { authentication: ['Key'], valid: 'all', mergeDefault: 'Basic' });
      },
      'PODE_ERR_BAD_OPTION',
    ],
    [
      'addAuthMiddleware with an unknown authentication',
      (s: ServerBuilder) => s.addAuthMiddleware('G', { authentication: 'Nope' }),
      'PODE_ERR_AUTH_UNKNOWN',
    ],
    [
      'a misspelt option',
      (s: ServerBuilder) => {
        schemes(s);
        s.mergeAuth('M', { authentication: ['Key'], vaild: 'all' } as never);
      },
      'PODE_ERR_UNKNOWN_OPTION',
    ],
  ])('%s throws at start-up', async (_label, fn, code) => {
    await expect(serve(fn)).rejects.toMatchObject({ code });
  });
});
