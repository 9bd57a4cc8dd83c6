import { describe, expect, it } from 'vitest';
import { basic, form, testAuth, testAuthExists } from '../../src/index.js';
import { Client, serve } from '../helpers.js';

const basicHeader = (pair: string) => `Basic ${Buffer.from(pair).toString('base64')}`;

describe('e.testAuth / testAuth (Test-PodeAuth)', () => {
  const start = () =>
    serve((s) => {
      s.addAuth(
        'Validate',
        basic(),
        ({ username, password }) => {
          if (username === 'boom') throw new Error('store down');
          return username === 'morty' && password === 'pickle'
            ? { user: { name: 'Morty' } }
            : { message: 'Invalid details supplied' };
        },
        { sessionless: true },
      );
      // a route with no authentication that checks by itself
      s.addRoute('POST', '/users', async (e) => {
        if (!(await testAuth('Validate'))) {
          e.setStatus(401);
          return;
        }
        e.writeJson({ ok: true, auth: e.auth.isAuthenticated, exists: testAuthExists('Validate') });
      });
      s.addRoute('GET', '/method', async (e) =>
        e.writeJson({
          ok: await e.testAuth('Validate', { ignoreSession: true }),
          none: e.testAuthExists('Nope'),
        }),
      );
      s.addRoute('GET', '/unknown', async (e) => e.writeJson({ ok: await e.testAuth('Nope') }));
    });

  it('is true for good credentials, and leaves e.auth and the response alone', async () => {
    const server = await start();
    const response = await fetch(`${server.url}/users`, {
      method: 'POST',
      headers: { authorization: basicHeader('morty:pickle') },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('www-authenticate')).toBeNull();
    expect(await response.json()).toEqual({ ok: true, auth: false, exists: true });
  });

  it('is false for bad or missing credentials (the route decides the answer)', async () => {
    const server = await start();
    const bad = await fetch(`${server.url}/users`, {
      method: 'POST',
      headers: { authorization: basicHeader('morty:wrong') },
    });
    expect(bad.status).toBe(401);
    expect(bad.headers.get('www-authenticate')).toBeNull();
    const none = await fetch(`${server.url}/users`, { method: 'POST' });
    expect(none.status).toBe(401);
    const malformed = await fetch(`${server.url}/users`, {
      method: 'POST',
      headers: { authorization: 'Basic %%%' },
    });
    expect(malformed.status).toBe(401);
    const method = await fetch(`${server.url}/method`, {
      headers: { authorization: basicHeader('morty:pickle') },
    });
    expect(await method.json()).toEqual({ ok: true, none: false });
  });

  it('is false (and logged) when the validator throws; the server keeps answering', async () => {
    const server = await start();
    const response = await fetch(`${server.url}/users`, {
      method: 'POST',
      headers: { authorization: basicHeader('boom:x') },
    });
    expect(response.status).toBe(401);
    const after = await fetch(`${server.url}/users`, {
      method: 'POST',
      headers: { authorization: basicHeader('morty:pickle') },
    });
    expect(after.status).toBe(200);
  });

  it('an unknown authentication name is a 500, not a crash', async () => {
    const server = await start();
    expect((await fetch(`${server.url}/unknown`)).status).toBe(500);
    expect((await fetch(`${server.url}/method`)).status).toBe(200);
  });

  it('a logged-in session passes unless ignoreSession', async () => {
    const server = await serve((s) => {
      s.enableSessionMiddleware({ duration: 120 });
      s.addAuth('Login', form(), ({ username }) =>
        username === 'morty' ? { user: { username } } : null,
      );
      s.addRoute({ method: 'POST', path: '/login', authentication: 'Login', login: true });
      s.addRoute('GET', '/check', async (e) =>
        e.writeJson({
          session: await e.testAuth('Login'),
          ignored: await e.testAuth('Login', { ignoreSession: true }),
        }),
      );
    });
    const client = new Client(server.url);
    expect(await client.json('/check')).toEqual({ session: false, ignored: false });
    const login = await client.fetch('/login', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'username=morty&password=x',
    });
    expect(login.status).toBeLessThan(400);
    expect(await client.json('/check')).toEqual({ session: true, ignored: false });
  });
});
