import { afterEach, describe, expect, it } from 'vitest';
import { start as startHeadersApi } from '../../examples/rest-api-headers/server.js';
import { start as startCounter } from '../../examples/sessions/server.js';
import { Client, parseSetCookie } from '../helpers.js';
import { sessionCookie } from './fixtures.js';

const servers: { stop(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.stop()));
});

const quiet = { logger: false as const, handleSignals: false };

describe('examples/sessions', () => {
  it('counts views per session with a UUID id and a sliding two-minute cookie', async () => {
    const server = await startCounter(0, '127.0.0.1', quiet);
    servers.push(server);
    const browser = new Client(server.url);
    const first = await browser.fetch('/');
    expect(await first.json()).toEqual({ views: 1 });
    const cookie = parseSetCookie(sessionCookie(first)!);
    expect(cookie.value).toMatch(
      /^s:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\.[A-Za-z0-9+/]{43}=$/,
    );
    expect(cookie.attributes['max-age']).toBe('120');
    // extend: the cookie comes back on every response
    const second = await browser.fetch('/');
    expect(await second.json()).toEqual({ views: 2 });
    expect(parseSetCookie(sessionCookie(second)!).value).toBe(cookie.value);
    expect(await browser.json('/scoped')).toEqual({ views: 3 });
    const about = await browser.json<{ views: number; expires: string; durationSeconds: number }>(
      '/about',
    );
    expect(about.views).toBe(3);
    expect(about.durationSeconds).toBe(120);
    expect(Math.abs(Date.parse(about.expires) - (Date.now() + 120_000))).toBeLessThan(3_000);
    expect(await new Client(server.url).json('/')).toEqual({ views: 1 });
    const forget = await browser.fetch('/forget');
    expect(parseSetCookie(sessionCookie(forget)!).attributes['max-age']).toBe('0');
    expect(await browser.json('/')).toEqual({ views: 1 });
  });
});

describe('examples/rest-api-headers', () => {
  it('logs in, keeps notes and logs out with the session in the pode.sid header', async () => {
    const server = await startHeadersApi(0, '127.0.0.1', quiet);
    servers.push(server);
    const url = server.url;
    const json = { 'content-type': 'application/json' };

    const anonymous = await fetch(`${url}/notes`);
    expect(anonymous.status).toBe(401);
    const anonymousToken = anonymous.headers.get('pode.sid');
    expect(anonymousToken).toMatch(/^s:/);
    expect(anonymous.headers.get('access-control-expose-headers')).toBe('pode.sid');

    const login = await fetch(`${url}/login`, {
      method: 'POST',
      headers: { ...json, 'pode.sid': anonymousToken! },
      body: JSON.stringify({ username: 'rick' }),
    });
    expect(await login.json()).toEqual({ username: 'rick' });
    const token = login.headers.get('pode.sid')!;
    expect(token).toMatch(/^s:/);
    expect(token).not.toBe(anonymousToken); // regenerated on login
    expect(login.headers.getSetCookie()).toEqual([]);

    const added = await fetch(`${url}/notes`, {
      method: 'POST',
      headers: { ...json, 'pode.sid': token },
      body: JSON.stringify({ text: 'buy milk' }),
    });
    expect(added.status).toBe(201);
    const notes = await fetch(`${url}/notes`, { headers: { 'pode.sid': token } });
    expect(await notes.json()).toEqual({ username: 'rick', notes: ['buy milk'] });
    expect(notes.headers.get('pode.sid')).toBe(token);

    // the anonymous id from before the login is worth nothing now
    const stale = await fetch(`${url}/notes`, { headers: { 'pode.sid': anonymousToken! } });
    expect(stale.status).toBe(401);
    // a cookie is not read in header mode
    const viaCookie = await fetch(`${url}/notes`, { headers: { cookie: `pode.sid=${token}` } });
    expect(viaCookie.status).toBe(401);

    const cleared = await fetch(`${url}/notes`, {
      method: 'DELETE',
      headers: { 'pode.sid': token },
    });
    expect(cleared.status).toBe(204);
    const logout = await fetch(`${url}/logout`, {
      method: 'POST',
      headers: { 'pode.sid': token },
    });
    expect(logout.status).toBe(204);
    expect((await fetch(`${url}/notes`, { headers: { 'pode.sid': token } })).status).toBe(401);
  });

  it('refuses a bad username and an empty note with 400', async () => {
    const server = await startHeadersApi(0, '127.0.0.1', quiet);
    servers.push(server);
    const json = { 'content-type': 'application/json' };
    const bad = await fetch(`${server.url}/login`, {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ username: 'no spaces allowed' }),
    });
    expect(bad.status).toBe(400);
    const login = await fetch(`${server.url}/login`, {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ username: 'summer' }),
    });
    const token = login.headers.get('pode.sid')!;
    const empty = await fetch(`${server.url}/notes`, {
      method: 'POST',
      headers: { ...json, 'pode.sid': token },
      body: JSON.stringify({ text: '  ' }),
    });
    expect(empty.status).toBe(400);
  });
});
