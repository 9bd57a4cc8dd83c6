import { request as httpsRequest } from 'node:https';
import { describe, expect, it } from 'vitest';
import { type ServerBuilder, type SessionOptions, signValue } from '../../src/index.js';
import { strictKey } from '../../src/signing.js';
import { Client, parseSetCookie, selfSignedCertificate, serve } from '../helpers.js';
import { cookieId, sessionCookie, TestStore } from './fixtures.js';

/** A counter route on `/` that answers the session id, its data and whether it is new. */
function counter(options: SessionOptions) {
  return (s: ServerBuilder) => {
    s.enableSessionMiddleware(options);
    s.addRoute('GET', '/', (e) => {
      const views = ((e.session.data.views as number | undefined) ?? 0) + 1;
      e.session.data.views = views;
      e.writeJson({ id: e.session.id, views, isNew: e.session.isNew });
    });
  };
}

interface Answer {
  id: string;
  views: number;
  isNew: boolean;
}

describe('the session cookie', () => {
  it('is pode.sid=s:<id>.<sig> with Path=/, an integer Max-Age, Expires, HttpOnly and SameSite=Lax', async () => {
    const server = await serve(counter({ secret: 'key', duration: 90.6 }));
    const before = Date.now();
    const response = await fetch(server.url);
    const answer = (await response.json()) as Answer;
    const cookie = parseSetCookie(sessionCookie(response)!);
    expect(cookie.name).toBe('pode.sid');
    // written unencoded: ':' '/' '+' and '=' are all cookie-safe
    expect(cookie.value).toBe(signValue(answer.id, 'key'));
    expect(cookie.attributes.path).toBe('/');
    expect(cookie.attributes['max-age']).toMatch(/^\d+$/);
    const maxAge = Number(cookie.attributes['max-age']);
    expect(maxAge).toBeGreaterThanOrEqual(90);
    expect(maxAge).toBeLessThanOrEqual(91);
    const expires = Date.parse(cookie.attributes.expires);
    expect(Math.abs(expires - (before + maxAge * 1000))).toBeLessThan(2_000);
    expect(cookie.attributes).toHaveProperty('httponly');
    expect(cookie.attributes.samesite).toBe('Lax');
    expect(cookie.attributes).not.toHaveProperty('secure');
  });

  it('carries the session across requests', async () => {
    const server = await serve(counter({ duration: 60 }));
    const client = new Client(server.url);
    const first = await client.json<Answer>('/');
    const second = await client.json<Answer>('/');
    expect(first).toMatchObject({ views: 1, isNew: true });
    expect(second).toEqual({ id: first.id, views: 2, isNew: false });
  });

  it('is accepted percent-encoded', async () => {
    const server = await serve(counter({ secret: 'key' }));
    const client = new Client(server.url);
    const first = await client.json<Answer>('/');
    const signed = signValue(first.id, 'key');
    const response = await fetch(server.url, {
      headers: { cookie: `other=1; pode.sid=${encodeURIComponent(signed)}` },
    });
    expect(encodeURIComponent(signed)).toContain('%3A');
    expect(await response.json()).toEqual({ id: first.id, views: 2, isNew: false });
  });

  it('is found among other cookies, and only under its own name', async () => {
    const server = await serve(counter({ secret: 'key', name: 'sid' }));
    const client = new Client(server.url);
    const first = await client.json<Answer>('/');
    const signed = signValue(first.id, 'key');
    const wrongName = await fetch(server.url, { headers: { cookie: `pode.sid=${signed}` } });
    expect(((await wrongName.json()) as Answer).isNew).toBe(true);
    const right = await fetch(server.url, { headers: { cookie: `a=b; sid=${signed}; c=d` } });
    expect(await right.json()).toEqual({ id: first.id, views: 2, isNew: false });
  });

  it('ignores a pode.sid request header in cookie mode', async () => {
    const server = await serve(counter({ secret: 'key' }));
    const first = await new Client(server.url).json<Answer>('/');
    const response = await fetch(server.url, {
      headers: { 'pode.sid': signValue(first.id, 'key') },
    });
    const answer = (await response.json()) as Answer;
    expect(answer.isNew).toBe(true);
    expect(answer.id).not.toBe(first.id);
    expect(response.headers.get('pode.sid')).toBeNull();
  });

  it("adds Secure with secure: 'auto' only for https, or a trusted X-Forwarded-Proto: https", async () => {
    const trusted = await serve(counter({}), { trustProxy: true });
    const proxied = await fetch(trusted.url, { headers: { 'x-forwarded-proto': 'https' } });
    expect(parseSetCookie(sessionCookie(proxied)!).attributes).toHaveProperty('secure');
    const plain = await fetch(trusted.url, { headers: { 'x-forwarded-proto': 'http' } });
    expect(parseSetCookie(sessionCookie(plain)!).attributes).not.toHaveProperty('secure');

    const untrusted = await serve(counter({}));
    const spoofed = await fetch(untrusted.url, { headers: { 'x-forwarded-proto': 'https' } });
    expect(parseSetCookie(sessionCookie(spoofed)!).attributes).not.toHaveProperty('secure');
  });

  it('adds Secure over a real https endpoint with secure: auto, and never with secure: false', async () => {
    const tls = selfSignedCertificate();
    for (const [secure, expected] of [
      ['auto', true],
      [false, false],
    ] as const) {
      const server = await serve(
        (s) => {
          s.addEndpoint({ address: '127.0.0.1', port: 0, protocol: 'https', tls });
          counter({ secure })(s);
        },
        {},
        { endpoint: false },
      );
      const setCookie = await httpsSetCookie(server.url);
      const line = setCookie.find((value) => value.startsWith('pode.sid='));
      expect(line).toBeDefined();
      expect('secure' in parseSetCookie(line!).attributes).toBe(expected);
    }
  });

  it('adds Secure with secure: true even over plain http', async () => {
    const server = await serve(counter({ secure: true }));
    const response = await fetch(server.url);
    expect(parseSetCookie(sessionCookie(response)!).attributes).toHaveProperty('secure');
  });
});

describe('secret rotation', () => {
  it('signs with the first secret and verifies with all of them', async () => {
    const storage = new TestStore();
    const old = await serve(counter({ secret: 'old', storage }));
    const client = new Client(old.url);
    const first = await client.json<Answer>('/');
    const oldCookie = client.jar.get('pode.sid');
    expect(oldCookie).toBe(signValue(first.id, 'old'));

    const rotated = await serve(counter({ secret: ['new', 'old'], storage }));
    const response = await fetch(rotated.url, { headers: { cookie: `pode.sid=${oldCookie}` } });
    expect(await response.json()).toEqual({ id: first.id, views: 2, isNew: false });
    // accepted under an older secret: re-signed with the first one on that response
    const resigned = parseSetCookie(sessionCookie(response)!);
    expect(resigned.value).toBe(signValue(first.id, 'new'));

    const newOnly = await serve(counter({ secret: 'new', storage }));
    const withNew = await fetch(newOnly.url, { headers: { cookie: `pode.sid=${resigned.value}` } });
    expect(await withNew.json()).toEqual({ id: first.id, views: 3, isNew: false });
    expect(sessionCookie(withNew)).toBeUndefined();
    const withOld = await fetch(newOnly.url, { headers: { cookie: `pode.sid=${oldCookie}` } });
    expect(((await withOld.json()) as Answer).isNew).toBe(true);
  });

  it('does not re-sign a cookie already signed with the first secret', async () => {
    const server = await serve(counter({ secret: ['new', 'old'] }));
    const client = new Client(server.url);
    await client.json('/');
    const again = await client.fetch('/');
    expect(sessionCookie(again)).toBeUndefined();
  });
});

describe('strict mode', () => {
  const ua = 'Mozilla/5.0 (strict test)';

  it('binds the signature to the User-Agent and the client IP', async () => {
    const server = await serve(counter({ secret: 'schwifty', strict: true }));
    const client = new Client(server.url, { 'user-agent': ua });
    const first = await client.json<Answer>('/');
    expect(client.jar.get('pode.sid')).toBe(
      signValue(first.id, strictKey('schwifty', ua, '127.0.0.1')),
    );
    expect(await client.json('/')).toEqual({ id: first.id, views: 2, isNew: false });
  });

  it('gives a new session to a cookie replayed with another User-Agent', async () => {
    const server = await serve(counter({ secret: 'k', strict: true }));
    const client = new Client(server.url, { 'user-agent': ua });
    const first = await client.json<Answer>('/');
    const thief = await fetch(server.url, {
      headers: { cookie: client.cookieHeader(), 'user-agent': 'curl/8.0' },
    });
    const answer = (await thief.json()) as Answer;
    expect(answer.isNew).toBe(true);
    expect(answer.id).not.toBe(first.id);
    expect(cookieId(thief)).toBe(answer.id);
    // the owner still has the session
    expect(await client.json('/')).toEqual({ id: first.id, views: 2, isNew: false });
  });

  it('gives a new session to a cookie replayed from another IP (trustProxy, X-Forwarded-For)', async () => {
    const server = await serve(counter({ secret: 'k', strict: true }), { trustProxy: true });
    const client = new Client(server.url, { 'user-agent': ua, 'x-forwarded-for': '203.0.113.7' });
    const first = await client.json<Answer>('/');
    expect(client.jar.get('pode.sid')).toBe(signValue(first.id, strictKey('k', ua, '203.0.113.7')));
    expect(await client.json('/')).toMatchObject({ id: first.id, views: 2 });
    const elsewhere = await fetch(server.url, {
      headers: {
        cookie: client.cookieHeader(),
        'user-agent': ua,
        'x-forwarded-for': '198.51.100.9, 203.0.113.7',
      },
    });
    const answer = (await elsewhere.json()) as Answer;
    expect(answer.isNew).toBe(true);
    expect(answer.id).not.toBe(first.id);
  });

  it('ignores X-Forwarded-For without trustProxy', async () => {
    const server = await serve(counter({ secret: 'k', strict: true }));
    const client = new Client(server.url, { 'user-agent': ua, 'x-forwarded-for': '203.0.113.7' });
    const first = await client.json<Answer>('/');
    const moved = await fetch(server.url, {
      headers: { cookie: client.cookieHeader(), 'user-agent': ua, 'x-forwarded-for': '10.9.9.9' },
    });
    expect(await moved.json()).toEqual({ id: first.id, views: 2, isNew: false });
  });

  it('does not accept a non-strict signature of the same id', async () => {
    const server = await serve(counter({ secret: 'k', strict: true }));
    const client = new Client(server.url, { 'user-agent': ua });
    const first = await client.json<Answer>('/');
    const forged = await fetch(server.url, {
      headers: { cookie: `pode.sid=${signValue(first.id, 'k')}`, 'user-agent': ua },
    });
    expect(((await forged.json()) as Answer).isNew).toBe(true);
  });
});

/** GET over https with a self-signed certificate; resolves to the Set-Cookie lines. */
function httpsSetCookie(url: string): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const request = httpsRequest(url, { rejectUnauthorized: false }, (response) => {
      response.resume();
      response.on('end', () => resolve(response.headers['set-cookie'] ?? []));
    });
    request.on('error', reject);
    request.end();
  });
}
