import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { makeToken, verifyToken } from '../src/csrf.js';
import {
  type CsrfOptions,
  form,
  newCsrfToken,
  type ServerBuilder,
  signValue,
} from '../src/index.js';
import { Client, parseSetCookie, serve, setupFailure } from './helpers.js';

const TOKEN = /^t:[A-Za-z0-9_-]+\.[A-Za-z0-9+/]{43}=$/;

function csrfSite(options: CsrfOptions = {}, sessions = true) {
  return (s: ServerBuilder) => {
    if (sessions) s.enableSessionMiddleware();
    s.enableCsrfMiddleware(options);
    s.addRoute('GET', '/token', (e) => e.writeJson({ token: newCsrfToken() }));
    s.addRoute('GET', '/two', (e) => e.writeJson([newCsrfToken(), newCsrfToken()]));
    s.addRoute('GET', '/secret', (e) => e.writeJson(e.session.data['pode.csrf'] ?? null));
    s.addRoute(['POST', 'PUT', 'DELETE', 'PATCH'], '/submit', (e) => e.writeText(`ok ${e.method}`));
  };
}

async function tokenOf(client: Client): Promise<string> {
  return (await client.json<{ token: string }>('/token')).token;
}

const postForm = (client: Client, body: Record<string, string>) =>
  client.fetch('/submit', { method: 'POST', body: new URLSearchParams(body) });

describe('CSRF tokens', () => {
  it('look like t:<salt>.<Base64 SHA-256("<salt>-<secret>")> with the session secret', async () => {
    const client = new Client((await serve(csrfSite())).url);
    const token = await tokenOf(client);
    expect(token).toMatch(TOKEN);
    const secret = await client.json<string>('/secret');
    expect(typeof secret).toBe('string');
    const salt = token.slice(2, token.indexOf('.'));
    const hash = createHash('sha256').update(`${salt}-${secret}`).digest('base64');
    expect(token).toBe(`t:${salt}.${hash}`);
  });

  it('differ each time (fresh salt) and every token of a session stays valid', async () => {
    const client = new Client((await serve(csrfSite())).url);
    const [a, b] = await client.json<string[]>('/two');
    const c = await tokenOf(client);
    expect(new Set([a, b, c]).size).toBe(3);
    for (const token of [c, a, b, a]) {
      expect((await postForm(client, { 'pode.csrf': token })).status).toBe(200);
    }
  });

  it('are accepted from a form field, a JSON field, the query string or the pode.csrf header', async () => {
    const client = new Client((await serve(csrfSite())).url);
    const token = await tokenOf(client);
    expect(await (await postForm(client, { 'pode.csrf': token, other: 'x' })).text()).toBe(
      'ok POST',
    );
    const json = await client.fetch('/submit', {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ 'pode.csrf': token }),
    });
    expect(json.status).toBe(200);
    const query = await client.fetch(`/submit?pode.csrf=${encodeURIComponent(token)}`, {
      method: 'DELETE',
    });
    expect(query.status).toBe(200);
    const header = await client.fetch('/submit', {
      method: 'PATCH',
      headers: { 'pode.csrf': token },
    });
    expect(header.status).toBe(200);
    const multipart = new FormData();
    multipart.set('pode.csrf', token);
    expect((await client.fetch('/submit', { method: 'POST', body: multipart })).status).toBe(200);
  });

  it('answers a missing token with 403', async () => {
    const client = new Client((await serve(csrfSite())).url);
    await tokenOf(client);
    const response = await client.fetch('/submit', {
      method: 'POST',
      headers: { accept: 'application/json' },
    });
    expect(response.status).toBe(403);
    expect(await response.json()).toEqual({ status: 403, message: 'Missing CSRF Token' });
  });

  it('answers a tampered token with 403', async () => {
    const client = new Client((await serve(csrfSite())).url);
    const token = await tokenOf(client);
    const dot = token.indexOf('.');
    const flip = (char: string) => (char === 'A' ? 'B' : 'A');
    const tampered = [
      `${token.slice(0, -2)}${flip(token.at(-2)!)}=`, // the hash
      `t:${flip(token[2])}${token.slice(3)}`, // the salt
      token.slice(2), // no t: prefix
      `t:${token.slice(dot + 1)}`, // no salt
      `${token.slice(0, dot)}.`, // no hash
      'garbage',
    ];
    for (const value of tampered) {
      const response = await postForm(client, { 'pode.csrf': value });
      expect(response.status).toBe(403);
      expect(response.statusText).toBe('Invalid CSRF Token');
    }
  });

  it("answers a token from another session with 403, and one without any session's secret too", async () => {
    const server = await serve(csrfSite());
    const alice = new Client(server.url);
    const mallory = new Client(server.url);
    const aliceToken = await tokenOf(alice);
    await tokenOf(mallory);
    expect((await postForm(mallory, { 'pode.csrf': aliceToken })).status).toBe(403);
    const stranger = new Client(server.url); // no session, no secret
    expect((await postForm(stranger, { 'pode.csrf': aliceToken })).status).toBe(403);
    expect((await postForm(alice, { 'pode.csrf': aliceToken })).status).toBe(200);
  });

  it('does not check GET, HEAD or OPTIONS by default, but checks DELETE', async () => {
    const server = await serve((s) => {
      csrfSite()(s);
      s.addRoute(['GET', 'OPTIONS'], '/open', (e) => e.writeText('open'));
    });
    expect((await fetch(`${server.url}/open`)).status).toBe(200);
    expect((await fetch(`${server.url}/open`, { method: 'HEAD' })).status).toBe(200);
    expect((await fetch(`${server.url}/open`, { method: 'OPTIONS' })).status).toBe(200);
    expect((await fetch(`${server.url}/submit`, { method: 'DELETE' })).status).toBe(403);
  });

  it('uses ignoreMethods instead of the default list', async () => {
    const server = await serve(csrfSite({ ignoreMethods: ['get', 'POST'] }));
    expect((await fetch(`${server.url}/submit`, { method: 'POST' })).status).toBe(200);
    expect((await fetch(`${server.url}/submit`, { method: 'PUT' })).status).toBe(403);
  });

  it('rotates the secret at a login: tokens from before are refused after it', async () => {
    const server = await serve((s) => {
      csrfSite()(s);
      s.addAuth('Login', form(), ({ username }) => ({ user: { username } }));
      s.addRoute({ method: 'POST', path: '/login', authentication: 'Login', login: true }, (e) =>
        e.writeText('in'),
      );
    });
    const client = new Client(server.url);
    const token = await tokenOf(client);
    const before = client.jar.get('pode.sid');
    const login = await client.fetch('/login', {
      method: 'POST',
      body: new URLSearchParams({ 'pode.csrf': token, username: 'a', password: 'b' }),
    });
    expect(login.status).toBe(200);
    expect(client.jar.get('pode.sid')).not.toBe(before);
    expect((await postForm(client, { 'pode.csrf': token })).status).toBe(403);
    expect((await postForm(client, { 'pode.csrf': await tokenOf(client) })).status).toBe(200);
  });
});

describe('CSRF with useCookies', () => {
  const SECRET = 'csrf-cookie-secret-csrf-cookie-secret';
  const start = () => serve(csrfSite({ useCookies: true, secret: SECRET }, false));

  it('keeps the secret in a signed, HttpOnly, SameSite=Lax cookie pode.csrf on Path=/', async () => {
    const client = new Client((await start()).url);
    const response = await client.fetch('/token');
    const [line] = response.headers.getSetCookie();
    const cookie = parseSetCookie(line);
    expect(cookie.name).toBe('pode.csrf');
    expect(cookie.value).toMatch(/^s:[A-Za-z0-9_-]+\.[A-Za-z0-9+/]{43}=$/);
    expect(cookie.attributes).toHaveProperty('httponly');
    expect(cookie.attributes.samesite?.toLowerCase()).toBe('lax');
    expect(cookie.attributes.path).toBe('/');
    const { token } = (await response.json()) as { token: string };
    expect((await postForm(client, { 'pode.csrf': token })).status).toBe(200);
    // The secret is reused: a second token sets no new cookie.
    expect((await client.fetch('/token')).headers.getSetCookie()).toEqual([]);
  });

  it('answers 403 without the cookie, and ignores and replaces an unsigned or badly signed one', async () => {
    const server = await start();
    const client = new Client(server.url);
    const token = await tokenOf(client);
    const signed = client.jar.get('pode.csrf')!;
    const secret = signed.slice(2, signed.lastIndexOf('.'));
    const bare = new Client(server.url);
    expect((await postForm(bare, { 'pode.csrf': token })).status).toBe(403);
    for (const forged of [secret, signValue(secret, 'another-secret-entirely')]) {
      const attacker = new Client(server.url);
      attacker.jar.set('pode.csrf', forged);
      expect((await postForm(attacker, { 'pode.csrf': token })).status).toBe(403);
      const replaced = await attacker.fetch('/token');
      const line = replaced.headers.getSetCookie().find((l) => l.startsWith('pode.csrf='));
      expect(line).toBeDefined();
      expect(parseSetCookie(line!).value).not.toBe(forged);
      const fresh = ((await replaced.json()) as { token: string }).token;
      expect((await postForm(attacker, { 'pode.csrf': fresh })).status).toBe(200);
    }
  });
});

describe('CSRF set-up', () => {
  const failing = setupFailure;

  it('throws "CSRF Middleware has not been initialised." from newCsrfToken without it', async () => {
    const server = await serve((s) => {
      s.enableSessionMiddleware();
      s.addRoute('GET', '/', (e) => {
        try {
          e.writeText(newCsrfToken());
        } catch (error) {
          const { code, message } = error as { code: string; message: string };
          e.writeJson({ code, message });
        }
      });
    });
    expect(await (await fetch(server.url)).json()).toEqual({
      code: 'PODE_ERR_CSRF_NOT_INITIALISED',
      message: 'CSRF Middleware has not been initialised.',
    });
  });

  it('requires a secret with useCookies, sessions without it, and only one call', async () => {
    expect(await failing((s) => s.enableCsrfMiddleware({ useCookies: true }))).toMatchObject({
      message: 'A Secret is required when using cookies for CSRF.',
    });
    expect(await failing((s) => s.enableCsrfMiddleware())).toMatchObject({
      message: 'Sessions are required to use CSRF unless useCookies is set.',
    });
    expect(
      await failing((s) => {
        s.enableSessionMiddleware();
        s.enableCsrfMiddleware();
        s.enableCsrfMiddleware();
      }),
    ).toMatchObject({ message: 'CSRF Middleware has already been initialised.' });
  });

  it('throws PODE_ERR_NO_REQUEST from newCsrfToken outside a request', () => {
    expect(() => newCsrfToken()).toThrow(expect.objectContaining({ code: 'PODE_ERR_NO_REQUEST' }));
  });
});

describe('verifyToken', () => {
  it('accepts exactly the tokens made with the same secret, and never throws', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 30 }),
        fc.string({ minLength: 1, maxLength: 30 }),
        fc.string({ maxLength: 80 }),
        (salt, secret, anything) => {
          const cleanSalt = salt.replace(/\./g, '');
          expect(verifyToken(makeToken(cleanSalt, secret), secret)).toBe(true);
          expect(verifyToken(makeToken(cleanSalt, secret), `${secret}x`)).toBe(false);
          expect(typeof verifyToken(anything, secret)).toBe('boolean');
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe("CSRF with scope: 'tab'", () => {
  it('accepts a token rendered in a tab from a form post that carries no tab id', async () => {
    const server = await serve((s) => {
      s.enableSessionMiddleware({ scope: 'tab' });
      s.enableCsrfMiddleware();
      s.addRoute('GET', '/token', (e) => e.writeJson({ token: newCsrfToken() }));
      s.addRoute('POST', '/submit', (e) => e.writeText('ok'));
    });
    const client = new Client(server.url);
    const { token } = await client.json<{ token: string }>('/token', {
      headers: { 'x-pode-session-tab-id': 'tab-1' },
    });
    expect((await postForm(client, { 'pode.csrf': token })).status).toBe(200);
  });
});
