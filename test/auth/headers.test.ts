import { describe, expect, it } from 'vitest';
import { basic, getSessionId, type SessionOptions, signValue } from '../../src/index.js';
import { serve, sleep } from '../helpers.js';

const SECRET = 'rest-api-secret-rest-api-secret-rest-api';
const credentials = `Basic ${Buffer.from('morty:pickle').toString('base64')}`;

// Pode's REST example: sessions in a header, Basic on POST /login, then only the pode.sid header.
function restApi(sessionOptions: SessionOptions = { duration: 120, extend: true }) {
  return serve((s) => {
    s.enableSessionMiddleware({ secret: SECRET, useHeaders: true, ...sessionOptions });
    s.addAuth('Login', basic(), ({ username, password }) =>
      username === 'morty' && password === 'pickle' ? { user: { name: 'Morty' } } : null,
    );
    s.addRoute({ method: 'POST', path: '/login', authentication: 'Login', login: true }, (e) =>
      e.writeJson({ sid: getSessionId({ signed: true }) }),
    );
    s.addRoute({ method: 'GET', path: '/users', authentication: 'Login' }, (e) =>
      e.writeJson({ users: [e.auth.user] }),
    );
    s.addRoute({ method: 'POST', path: '/logout', authentication: 'Login', logout: true });
  });
}

async function logIn(url: string): Promise<string> {
  const response = await fetch(`${url}/login`, {
    method: 'POST',
    headers: { authorization: credentials },
  });
  expect(response.status).toBe(200);
  const sid = response.headers.get('pode.sid');
  expect(sid).toMatch(/^s:[A-Za-z0-9_.~-]+\.[A-Za-z0-9+/]{43}=$/);
  expect(await response.json()).toEqual({ sid });
  return sid!;
}

describe('header-mode logins for REST clients', () => {
  it('POST /login with Basic returns a pode.sid header, exposed to browsers, and no cookie', async () => {
    const server = await restApi();
    const response = await fetch(`${server.url}/login`, {
      method: 'POST',
      headers: { authorization: credentials },
    });
    expect(response.headers.get('pode.sid')).toMatch(/^s:/);
    expect(response.headers.get('access-control-expose-headers')).toBe('pode.sid');
    expect(response.headers.getSetCookie()).toEqual([]);
  });

  it('later requests send only the pode.sid header and are authenticated', async () => {
    const server = await restApi();
    const sid = await logIn(server.url);
    for (let i = 0; i < 2; i++) {
      const response = await fetch(`${server.url}/users`, { headers: { 'pode.sid': sid } });
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ users: [{ name: 'Morty' }] });
    }
  });

  it('answers a missing, fake or wrongly signed header with 401 and the Basic challenge', async () => {
    const server = await restApi();
    const sid = await logIn(server.url);
    const id = sid.slice(2, sid.lastIndexOf('.'));
    const attempts: Record<string, string>[] = [
      {},
      { 'pode.sid': 's:made-up-id.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=' },
      { 'pode.sid': signValue(id, 'not-the-server-secret') },
      { 'pode.sid': id },
      { cookie: `pode.sid=${sid}` }, // header mode ignores the cookie
    ];
    for (const headers of attempts) {
      const response = await fetch(`${server.url}/users`, { headers });
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toBe('Basic realm="User"');
    }
  });

  it('answers an expired session with 401', async () => {
    const server = await restApi({ duration: 1 });
    const sid = await logIn(server.url);
    expect((await fetch(`${server.url}/users`, { headers: { 'pode.sid': sid } })).status).toBe(200);
    await sleep(1_300);
    expect((await fetch(`${server.url}/users`, { headers: { 'pode.sid': sid } })).status).toBe(401);
  });

  it('gives a new id at login, so a header from before the login is not authenticated', async () => {
    const server = await restApi();
    const anonymous = await fetch(`${server.url}/users`);
    const before = anonymous.headers.get('pode.sid');
    expect(before).toMatch(/^s:/);
    const login = await fetch(`${server.url}/login`, {
      method: 'POST',
      headers: { authorization: credentials, 'pode.sid': before! },
    });
    const after = login.headers.get('pode.sid');
    expect(after).not.toBe(before);
    expect((await fetch(`${server.url}/users`, { headers: { 'pode.sid': before! } })).status).toBe(
      401,
    );
    expect((await fetch(`${server.url}/users`, { headers: { 'pode.sid': after! } })).status).toBe(
      200,
    );
  });

  it('logout answers 401 and the old header no longer works', async () => {
    const server = await restApi();
    const sid = await logIn(server.url);
    const response = await fetch(`${server.url}/logout`, {
      method: 'POST',
      headers: { 'pode.sid': sid },
    });
    expect(response.status).toBe(401);
    expect(response.headers.get('pode.sid')).toBeNull();
    expect((await fetch(`${server.url}/users`, { headers: { 'pode.sid': sid } })).status).toBe(401);
  });

  it('validates credentials on a GET login route (no login page to render in header mode)', async () => {
    const server = await serve((s) => {
      s.enableSessionMiddleware({ secret: SECRET, useHeaders: true });
      s.addAuth('Login', basic(), () => null);
      s.addRoute({ method: 'GET', path: '/login', authentication: 'Login', login: true }, (e) =>
        e.writeText('form'),
      );
    });
    expect((await fetch(`${server.url}/login`)).status).toBe(401);
  });
});
